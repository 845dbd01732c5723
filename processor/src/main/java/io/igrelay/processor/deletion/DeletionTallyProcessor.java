package io.igrelay.processor.deletion;

import io.igrelay.avro.DeletionState;
import io.igrelay.avro.DeletionStatus;
import io.igrelay.avro.DeletionSubject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Completes an account deletion (contract §7) once every IGSID task has reported its channel purge: the final
 * COMPLETED DeletionStatus says what was removed, with counts, the purged windows included. Keyed by confirmation
 * code; a row lives only while reports are outstanding. Under exactly_once_v2 each task reports exactly once.
 */
public final class DeletionTallyProcessor implements Processor<String, PurgeReport, String, DeletionStatus> {

    private final String tallyStore;
    private KeyValueStore<String, DeletionTally> tallies;
    private ProcessorContext<String, DeletionStatus> context;

    public DeletionTallyProcessor(String tallyStore) {
        this.tallyStore = tallyStore;
    }

    @Override
    public void init(ProcessorContext<String, DeletionStatus> context) {
        this.context = context;
        this.tallies = context.getStateStore(tallyStore);
    }

    @Override
    public void process(Record<String, PurgeReport> record) {
        PurgeReport report = record.value();
        if (report == null || report.purge() == null) {
            return;
        }
        ChannelPurge purge = report.purge();
        DeletionTally previous = tallies.get(purge.confirmationCode());
        DeletionTally tally = previous == null ? new DeletionTally(1, report.windows())
                : new DeletionTally(previous.reports() + 1, previous.windows() + report.windows());
        if (tally.reports() < purge.expectedReports()) {
            tallies.put(purge.confirmationCode(), tally);
            return;
        }
        tallies.delete(purge.confirmationCode());
        Map<String, Long> removed = new LinkedHashMap<>(purge.removed());
        removed.put("windows", tally.windows());
        DeletionStatus done = DeletionStatus.newBuilder().setConfirmationCode(purge.confirmationCode())
                .setState(DeletionState.COMPLETED).setSubjectType(DeletionSubject.APP_SCOPED_USER)
                .setRemoved(removed).setNoDataHeld(removed.isEmpty())
                .setUpdatedAt(Instant.ofEpochMilli(record.timestamp())).build();
        context.forward(new Record<>(purge.confirmationCode(), done, record.timestamp()));
    }
}
