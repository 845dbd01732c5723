package io.igrelay.processor.deletion;

import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.ConversationWindow;
import io.igrelay.processor.state.ExpiryIndex;
import io.igrelay.processor.windows.WindowBook;
import io.igrelay.processor.windows.WindowMath;
import io.igrelay.processor.windows.WindowRules;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * When a channel is deleted (Meta's data-deletion callback), each task purges its own windows and markers of that
 * channel (SPEC 7): the deletion reaches every IGSID partition by multicast, and this scan of the task's windows
 * store runs once per deleted channel, which is rare. Tombstones follow on ig.windows.
 */
public final class ChannelWindowPurgeProcessor implements Processor<String, ChannelEvent, String, ConversationWindow> {

    private final String windowStore;
    private final String deadlineStore;
    private final WindowRules rules;
    private ProcessorContext<String, ConversationWindow> context;
    private WindowBook windows;
    private org.apache.kafka.streams.state.KeyValueStore<String, ConversationWindow> store;

    public ChannelWindowPurgeProcessor(String windowStore, String deadlineStore, WindowRules rules) {
        this.windowStore = windowStore;
        this.deadlineStore = deadlineStore;
        this.rules = rules;
    }

    @Override
    public void init(ProcessorContext<String, ConversationWindow> context) {
        this.context = context;
        this.store = context.getStateStore(windowStore);
        this.windows = new WindowBook(store, new ExpiryIndex(context.getStateStore(deadlineStore)),
                new WindowMath(rules));
    }

    @Override
    public void process(Record<String, ChannelEvent> record) {
        ChannelEvent deletion = record.value();
        if (deletion == null) {
            return;
        }
        List<String> igsids = new ArrayList<>();
        try (KeyValueIterator<String, ConversationWindow> all = store.all()) {
            all.forEachRemaining(kv -> {
                if (deletion.getChannelId().equals(kv.value.getChannelId())) {
                    igsids.add(kv.key);
                }
            });
        }
        for (String igsid : igsids) {
            windows.delete(igsid);
            context.forward(new Record<>(igsid, null, record.timestamp()));
        }
    }
}
