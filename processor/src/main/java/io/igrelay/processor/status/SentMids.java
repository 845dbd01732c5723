package io.igrelay.processor.status;

import io.igrelay.processor.state.ExpiryIndex;
import java.time.Duration;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The Meta mids of the hub's own sends (contract §6.1), from the dispatcher's ledger and the SENT statuses, so echoes
 * of them are recognised. Each mid lives for a bounded time (the dedup horizon) from when it was first recorded,
 * filed in a deadline index and purged by range scan: an echo is a webhook item like any other, so once the dedup
 * horizon has passed nothing about that item is remembered anyway, and the state stays bounded by recent sends.
 */
public final class SentMids {

    private static final int PURGE_BATCH = 10_000;

    private final KeyValueStore<String, String> mids;
    private final ExpiryIndex expiry;
    private final Duration lifetime;

    public SentMids(KeyValueStore<String, String> mids, KeyValueStore<String, String> expiry, Duration lifetime) {
        this.mids = mids;
        this.expiry = new ExpiryIndex(expiry);
        this.lifetime = lifetime;
    }

    /** Records {@code mid} as the hub's own (message {@code messageId}); the first record sets its deadline. */
    public void record(String mid, String messageId, long atMillis) {
        if (mids.get(mid) == null) {
            expiry.add(atMillis + lifetime.toMillis(), mid);
        }
        mids.put(mid, messageId);
    }

    public boolean isOwn(String mid) {
        return mids.get(mid) != null;
    }

    public void forget(String mid) {
        mids.delete(mid);
    }

    /** Drops the mids whose lifetime ended at or before {@code nowMillis}. */
    public int purge(long nowMillis) {
        int purged = 0;
        for (ExpiryIndex.Due due : expiry.takeDue(nowMillis, PURGE_BATCH)) {
            if (mids.delete(due.ownerKey()) != null) {
                purged++;
            }
        }
        return purged;
    }
}
