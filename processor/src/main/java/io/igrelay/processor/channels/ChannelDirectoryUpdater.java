package io.igrelay.processor.channels;

import io.igrelay.avro.Channel;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global channel directory in step with ig.channels (also on restore, which Streams replays through this
 * processor): the channel by UUID plus its account and username index entries. The account entry names the
 * account's best-ranked channel (ACTIVE first, then the latest connection) whatever order the records come in, so
 * a stale disconnected channel never shadows the one that holds the account (e.g. after a global-store restore).
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
     * Runs on the global thread, which Kafka Streams cannot replace: a failure here is held, retried or skipped by
     * the wrapping {@code failure.HoldingGlobalProcessor}, so applying a record twice must give the same directory.
     */
    @Override
    public void process(Record<String, Channel> record) {
        if (record.key() == null) {
            LOG.warn("Skipped a channel record without key at {}", where());
            return;
        }
        apply(record);
    }

    private String where() {
        return context.recordMetadata().map(m -> m.topic() + "/" + m.partition() + "@" + m.offset()).orElse("?");
    }

    private void apply(Record<String, Channel> record) {
        String channelId = record.key();
        Channel previous = store.get(ChannelDirectory.BY_ID + channelId);
        Channel next = record.value();
        if (previous != null) {
            removeUsername(previous, next);
        }
        if (next == null) {
            store.delete(ChannelDirectory.BY_ID + channelId);
        } else {
            store.put(ChannelDirectory.BY_ID + channelId, next);
            store.put(ChannelDirectory.usernameKey(next.getApplicationId(), next.getUsername()), next);
        }
        if (previous != null && (next == null || !previous.getIgUserId().equals(next.getIgUserId()))) {
            leave(previous.getIgUserId(), channelId);
        }
        if (next != null) {
            rank(next);
        }
    }

    /** Keeps a:account on the account's best-ranked channel after {@code next} changed. */
    private void rank(Channel next) {
        String accountKey = ChannelDirectory.BY_ACCOUNT + next.getIgUserId();
        Channel indexed = store.get(accountKey);
        if (indexed == null || ChannelDirectory.RANK.compare(next, indexed) >= 0) {
            store.put(accountKey, next);
        } else if (indexed.getChannelId().equals(next.getChannelId())) {
            // the indexed channel fell (e.g. ACTIVE -> DISCONNECTED): another channel may hold the account now
            reindex(next.getIgUserId());
        }
    }

    /** The channel no longer belongs to {@code account} (deleted or moved): if it was indexed, find the next best. */
    private void leave(String account, String channelId) {
        Channel indexed = store.get(ChannelDirectory.BY_ACCOUNT + account);
        if (indexed != null && indexed.getChannelId().equals(channelId)) {
            reindex(account);
        }
    }

    /** Scans the channels (few, and only when an indexed channel fell or left) for the account's best-ranked one. */
    private void reindex(String account) {
        Channel best = null;
        try (KeyValueIterator<String, Channel> all = store.prefixScan(ChannelDirectory.BY_ID, new StringSerializer())) {
            while (all.hasNext()) {
                Channel candidate = all.next().value;
                if (account.equals(candidate.getIgUserId())
                        && (best == null || ChannelDirectory.RANK.compare(candidate, best) > 0)) {
                    best = candidate;
                }
            }
        }
        if (best == null) {
            store.delete(ChannelDirectory.BY_ACCOUNT + account);
        } else {
            store.put(ChannelDirectory.BY_ACCOUNT + account, best);
        }
    }

    private void removeUsername(Channel previous, Channel next) {
        String oldUsername = ChannelDirectory.usernameKey(previous.getApplicationId(), previous.getUsername());
        if (next == null || !oldUsername.equals(ChannelDirectory.usernameKey(next.getApplicationId(),
                next.getUsername()))) {
            Channel owner = store.get(oldUsername);
            if (owner != null && owner.getChannelId().equals(previous.getChannelId())) {
                store.delete(oldUsername);
            }
        }
    }
}
