package io.igrelay.processor.channels;

import io.igrelay.avro.Channel;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global channel directory in step with ig.channels (also on restore, which Streams replays through this
 * processor): the channel by UUID plus its account and username index entries. The account entry prefers an
 * ACTIVE channel, so a stale disconnected channel never shadows the one that receives the account's webhooks.
 */
public final class ChannelDirectoryUpdater implements Processor<String, Channel, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelDirectoryUpdater.class);

    private final String storeName;
    private KeyValueStore<String, Channel> store;
    private ProcessorContext<Void, Void> context;

    public ChannelDirectoryUpdater(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        store = context.getStateStore(storeName);
    }

    /**
     * A global store's processor runs on the global thread, which Kafka Streams 4.1 cannot keep alive through an
     * exception (no processing-exception handler reaches it): a record that cannot be applied is logged and skipped.
     */
    @Override
    public void process(Record<String, Channel> record) {
        if (record.key() == null) {
            LOG.warn("Skipped a channel record without key at {}", where());
            return;
        }
        try {
            apply(record);
        } catch (RuntimeException e) {
            LOG.warn("Skipped a channel record that could not be applied at {}: {}", where(), e.toString());
        }
    }

    private String where() {
        return context.recordMetadata().map(m -> m.topic() + "/" + m.partition() + "@" + m.offset()).orElse("?");
    }

    private void apply(Record<String, Channel> record) {
        String channelId = record.key();
        Channel previous = store.get(ChannelDirectory.BY_ID + channelId);
        Channel next = record.value();
        if (previous != null) {
            removeIndexes(previous, next);
        }
        if (next == null) {
            store.delete(ChannelDirectory.BY_ID + channelId);
            return;
        }
        store.put(ChannelDirectory.BY_ID + channelId, next);
        store.put(ChannelDirectory.usernameKey(next.getApplicationId(), next.getUsername()), next);
        String accountKey = ChannelDirectory.BY_ACCOUNT + next.getIgUserId();
        Channel indexed = store.get(accountKey);
        boolean sameChannel = indexed != null && indexed.getChannelId().equals(channelId);
        if (indexed == null || sameChannel || ChannelDirectory.active(next) || !ChannelDirectory.active(indexed)) {
            store.put(accountKey, next);
        }
    }

    private void removeIndexes(Channel previous, Channel next) {
        String oldUsername = ChannelDirectory.usernameKey(previous.getApplicationId(), previous.getUsername());
        if (next == null || !oldUsername.equals(ChannelDirectory.usernameKey(next.getApplicationId(),
                next.getUsername()))) {
            Channel owner = store.get(oldUsername);
            if (owner != null && owner.getChannelId().equals(previous.getChannelId())) {
                store.delete(oldUsername);
            }
        }
        String oldAccount = ChannelDirectory.BY_ACCOUNT + previous.getIgUserId();
        if (next == null || !previous.getIgUserId().equals(next.getIgUserId())) {
            Channel owner = store.get(oldAccount);
            if (owner != null && owner.getChannelId().equals(previous.getChannelId())) {
                store.delete(oldAccount);
            }
        }
    }
}
