package io.igrelay.processor.dedup;

import io.igrelay.processor.state.ExpiryIndex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The ids a conversation task has seen within the dedup horizon: inbound event ids (dedup) and the outbound message
 * ids the gate has decided. An entry is {@code <igsid>|<id> -> <deadline millis>|<Meta mid or empty>}, so an erasure
 * finds a user's entries by prefix and the gate reads a reaction target's mid.
 *
 * <p>Expiry is coarse (decisions.md, "Processor: one dedup write per event"): the index holds one entry per IGSID and
 * hour in which some of its entries fall due ({@code <hour end>|<igsid>}), not one per entry. When that hour has
 * passed, the purge scans the IGSID's entries and removes those whose deadline has passed; the rest are filed under
 * a later hour. So an entry outlives its deadline by less than an hour, and an event costs one store write and one
 * changelog record instead of two: the index is written once per IGSID and hour, and a memo of this instance's own
 * index entries skips even the look-up. Only the dedup processor purges; the gate's instance may still remember an
 * index entry the purge has taken, which matters only for an id filed with a deadline already past (a request older
 * than the horizon): that entry then waits for the IGSID's next purge, which removes every entry past its deadline.
 *
 * <p>Index entries written before this layout (one per entry, {@code <deadline>|<igsid>|<id> -> <igsid>|<id>}) are
 * still honoured: their owner key contains the separator and is deleted as it was.
 */
public final class SeenEvents {

    static final long BUCKET_MILLIS = Duration.ofHours(1).toMillis();
    private static final int MEMO_LIMIT = 100_000;
    private static final char SEPARATOR = '|';

    private final KeyValueStore<String, String> seen;
    private final ExpiryIndex expiry;
    private final Map<String, Boolean> filed = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MEMO_LIMIT;
        }
    };

    public SeenEvents(KeyValueStore<String, String> seen, KeyValueStore<String, String> expiryStore) {
        this.seen = seen;
        this.expiry = new ExpiryIndex(expiryStore);
    }

    public boolean contains(String igsid, String id) {
        return seen.get(key(igsid, id)) != null;
    }

    /** The Meta mid recorded with an id: empty when it had none, null when the id is not (or no longer) known. */
    public String mid(String igsid, String id) {
        String value = seen.get(key(igsid, id));
        return value == null ? null : midOf(value);
    }

    /** Records an id until {@code deadlineMillis} and makes sure an index entry covers that deadline. */
    public void remember(String igsid, String id, String mid, long deadlineMillis) {
        seen.put(key(igsid, id), deadlineMillis + "" + SEPARATOR + (mid == null ? "" : mid));
        long hourEnd = hourEnd(deadlineMillis);
        String indexKey = ExpiryIndex.key(hourEnd, igsid);
        if (filed.put(indexKey, Boolean.TRUE) == null) {
            expiry.addIfAbsent(hourEnd, igsid);
        }
    }

    /**
     * Removes the entries whose deadline is at or before {@code nowMillis}, for up to {@code limit} index entries
     * that have fallen due; returns how many entries were removed.
     */
    public int purge(long nowMillis, int limit) {
        int removed = 0;
        for (ExpiryIndex.Due due : expiry.takeDue(nowMillis, limit)) {
            filed.remove(ExpiryIndex.key(due.deadlineMillis(), due.ownerKey()));
            String owner = due.ownerKey();
            if (owner.indexOf(SEPARATOR) >= 0) {
                removed += seen.delete(owner) == null ? 0 : 1;
            } else {
                removed += removeDue(owner, nowMillis);
            }
        }
        return removed;
    }

    private int removeDue(String igsid, long nowMillis) {
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = seen.prefixScan(igsid + SEPARATOR, new StringSerializer())) {
            while (entries.hasNext()) {
                KeyValue<String, String> entry = entries.next();
                if (deadlineOf(entry.value) <= nowMillis) {
                    due.add(entry.key);
                }
            }
        }
        due.forEach(seen::delete);
        return due.size();
    }

    /** The key of an id: the IGSID first, so an erasure finds all of a user's entries by prefix. */
    public static String key(String igsid, String id) {
        return igsid + SEPARATOR + id;
    }

    /** The end of the hour a deadline falls in (the deadline itself when it is on the hour). */
    static long hourEnd(long deadlineMillis) {
        return Math.floorDiv(deadlineMillis + BUCKET_MILLIS - 1, BUCKET_MILLIS) * BUCKET_MILLIS;
    }

    /** The deadline of a value, or Long.MAX_VALUE for a value written before deadlines were kept (a bare mid). */
    static long deadlineOf(String value) {
        int end = value.indexOf(SEPARATOR);
        if (end <= 0) {
            return Long.MAX_VALUE;
        }
        long deadline = 0;
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9' || deadline > (Long.MAX_VALUE - 9) / 10) {
                return Long.MAX_VALUE;
            }
            deadline = deadline * 10 + (c - '0');
        }
        return deadline;
    }

    static String midOf(String value) {
        return deadlineOf(value) == Long.MAX_VALUE ? value : value.substring(value.indexOf(SEPARATOR) + 1);
    }
}
