package io.igrelay.processor.deletion;

import io.igrelay.avro.ConversationWindow;
import io.igrelay.processor.state.ExpiryIndex;
import io.igrelay.processor.windows.WindowBook;
import io.igrelay.processor.windows.WindowMath;
import io.igrelay.processor.windows.WindowRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * When an account deletion removes channels (Meta's data-deletion callback), each task purges its own windows and
 * markers of those channels (contract §7): the purge request reaches every IGSID partition by multicast, and this scan
 * of the task's windows store runs once per deletion, which is rare. A tombstone per purged window follows on
 * ig.windows, then the task's report (how many windows it purged) for the deletion tally.
 */
public final class ChannelWindowPurgeProcessor implements Processor<String, ChannelPurge, String, PurgeStep> {

    private final String windowStore;
    private final String deadlineStore;
    private final WindowRules rules;
    private ProcessorContext<String, PurgeStep> context;
    private WindowBook windows;
    private KeyValueStore<String, ConversationWindow> store;

    public ChannelWindowPurgeProcessor(String windowStore, String deadlineStore, WindowRules rules) {
        this.windowStore = windowStore;
        this.deadlineStore = deadlineStore;
        this.rules = rules;
    }

    @Override
    public void init(ProcessorContext<String, PurgeStep> context) {
        this.context = context;
        this.store = context.getStateStore(windowStore);
        this.windows = new WindowBook(store, new ExpiryIndex(context.getStateStore(deadlineStore)),
                new WindowMath(rules));
    }

    @Override
    public void process(Record<String, ChannelPurge> record) {
        ChannelPurge purge = record.value();
        if (purge == null) {
            return;
        }
        Set<String> channels = new HashSet<>(purge.channelIds());
        List<String> igsids = new ArrayList<>();
        try (KeyValueIterator<String, ConversationWindow> all = store.all()) {
            all.forEachRemaining(kv -> {
                if (kv.value != null && channels.contains(kv.value.getChannelId())) {
                    igsids.add(kv.key);
                }
            });
        }
        long purged = 0;
        for (String igsid : igsids) {
            if (windows.delete(igsid)) {
                purged++;
                context.forward(new Record<>(igsid, PurgeStep.tombstone(igsid), record.timestamp()));
            }
        }
        context.forward(new Record<>(purge.confirmationCode(), PurgeStep.report(new PurgeReport(purge, purged)),
                record.timestamp()));
    }
}
