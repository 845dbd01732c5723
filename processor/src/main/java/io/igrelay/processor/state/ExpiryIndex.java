package io.igrelay.processor.state;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A store ordered by deadline, so that purging and expiry are range scans up to "now" instead of full scans (the
 * bounded-state rule of contract §9.5). Keys are a zero-padded epoch-millis prefix plus the owner key; byte order of
 * the padded prefix equals time order in RocksDB and in-memory stores alike.
 */
public final class ExpiryIndex {

    private static final String LOW = pad(0) + "|";

    private final KeyValueStore<String, String> store;

    public ExpiryIndex(KeyValueStore<String, String> store) {
        this.store = store;
    }

    public void add(long deadlineMillis, String ownerKey) {
        store.put(key(deadlineMillis, ownerKey), ownerKey);
    }

    /** Files an entry unless it is already there (a look-up instead of a second changelog record). */
    public void addIfAbsent(long deadlineMillis, String ownerKey) {
        String key = key(deadlineMillis, ownerKey);
        if (store.get(key) == null) {
            store.put(key, ownerKey);
        }
    }

    /**
     * Withdraws an entry. Looked up first: a logged store writes a changelog tombstone for every delete, even of a
     * key it never held, and callers withdraw every deadline an entry could have been filed under.
     */
    public void remove(long deadlineMillis, String ownerKey) {
        String key = key(deadlineMillis, ownerKey);
        if (store.get(key) != null) {
            store.delete(key);
        }
    }

    /** Removes and returns up to {@code limit} owner keys whose deadline is at or before {@code nowMillis}. */
    public List<Due> takeDue(long nowMillis, int limit) {
        List<Due> due = new ArrayList<>();
        List<String> indexKeys = new ArrayList<>();
        try (KeyValueIterator<String, String> range = store.range(LOW, pad(Math.max(0, nowMillis) + 1))) {
            while (range.hasNext() && due.size() < limit) {
                KeyValue<String, String> entry = range.next();
                indexKeys.add(entry.key);
                due.add(new Due(Long.parseLong(entry.key.substring(0, 19)), entry.value));
            }
        }
        indexKeys.forEach(store::delete);
        return due;
    }

    public static String key(long deadlineMillis, String ownerKey) {
        return pad(Math.max(0, deadlineMillis)) + "|" + ownerKey;
    }

    /** The zero-padded 19-digit form of a non-negative epoch-millis value (String.format cost ~1 µs per call). */
    static String pad(long millis) {
        if (millis < 0) {
            return String.format("%019d", millis);
        }
        String digits = Long.toString(millis);
        return "0".repeat(19 - digits.length()) + digits;
    }

    /** One expired index entry: the deadline it was filed under and the key it points at. */
    public record Due(long deadlineMillis, String ownerKey) {
    }
}
