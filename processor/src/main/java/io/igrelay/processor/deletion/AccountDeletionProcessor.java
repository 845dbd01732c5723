package io.igrelay.processor.deletion;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.ChannelEventType;
import io.igrelay.avro.DeletionRequest;
import io.igrelay.avro.DeletionState;
import io.igrelay.avro.DeletionStatus;
import io.igrelay.avro.DeletionSubject;
import io.igrelay.processor.channels.ChannelDirectory;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Meta's data-deletion callback (contract §7): every channel connected by the app-scoped user is deleted through a
 * DELETED ChannelEvent (the channel fold tombstones it on ig.channels, destroying the token). With channels, the
 * status is IN_PROGRESS (channels, tokens) and a purge request goes to every IGSID task; the tally then completes
 * it with the windows purged. With none, it ends COMPLETED at once with "no data held".
 */
public final class AccountDeletionProcessor implements Processor<String, DeletionRequest, String, DeletionOutcome> {

    private final String channelStore;
    private final int purgeFanOut;
    private ProcessorContext<String, DeletionOutcome> context;
    private ChannelDirectory channels;

    /** @param purgeFanOut how many IGSID tasks receive (and report on) each purge request */
    public AccountDeletionProcessor(String channelStore, int purgeFanOut) {
        this.channelStore = channelStore;
        this.purgeFanOut = purgeFanOut;
    }

    @Override
    public void init(ProcessorContext<String, DeletionOutcome> context) {
        this.context = context;
        KeyValueStore<String, Channel> store = context.getStateStore(channelStore);
        this.channels = new ChannelDirectory(store);
    }

    @Override
    public void process(Record<String, DeletionRequest> record) {
        DeletionRequest request = record.value();
        if (request == null || request.getSubjectType() != DeletionSubject.APP_SCOPED_USER) {
            return;
        }
        List<Channel> owned = channels.byAppScopedUser(request.getSubjectId()).stream()
                .filter(c -> request.getAppId() == null || c.getAppId() == null
                        || request.getAppId().equals(c.getAppId())).toList();
        List<ChannelEvent> deletions = owned.stream().map(c -> ChannelEvent.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes((request.getConfirmationCode() + c.getChannelId()).getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)).toString())
                .setChannelId(c.getChannelId()).setType(ChannelEventType.DELETED)
                .setReason("data deletion " + request.getConfirmationCode()).setAt(request.getRequestedAt())
                .build()).toList();
        Map<String, Long> removed = owned.isEmpty() ? Map.of() : Map.of("channels", (long) owned.size(), "tokens",
                owned.stream().filter(c -> c.getToken() != null).count());
        DeletionStatus status = DeletionStatus.newBuilder().setConfirmationCode(request.getConfirmationCode())
                .setState(owned.isEmpty() ? DeletionState.COMPLETED : DeletionState.IN_PROGRESS)
                .setSubjectType(DeletionSubject.APP_SCOPED_USER).setRemoved(removed)
                .setNoDataHeld(owned.isEmpty()).setUpdatedAt(java.time.Instant.ofEpochMilli(record.timestamp()))
                .build();
        ChannelPurge purge = owned.isEmpty() ? null : new ChannelPurge(request.getConfirmationCode(),
                owned.stream().map(Channel::getChannelId).toList(), removed, record.timestamp(), purgeFanOut);
        context.forward(new Record<>(request.getConfirmationCode(), new DeletionOutcome(deletions, status, purge,
                null, false, List.of()), record.timestamp()));
    }
}
