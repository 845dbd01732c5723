package io.igrelay.processor.status;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The status table by message id, for GET /status/{messageId} (contract §5.4): the rows of the conversation-side table,
 * repartitioned by message id so Streams metadata names the one instance that holds a given id.
 */
public final class StatusByIdProcessor implements Processor<String, StatusView, Void, Void> {

    private final String storeName;
    private KeyValueStore<String, StatusView> store;

    public StatusByIdProcessor(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, StatusView> record) {
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
    }
}
