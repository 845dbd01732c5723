package io.igrelay.processor.failure;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How often each source record (topic, partition, offset) has failed so far, shared by every stream thread and the
 * threads that replace them: a thread that dies on a record restarts from the last commit, so the count must
 * outlive it for "retry a bounded number of times, then dead-letter" to end. Bounded: the oldest counts are
 * dropped first (a dropped count only means one more retry).
 */
public final class RecordAttempts {

    private static final int MAX_TRACKED = 10_000;

    private final Map<String, Integer> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > MAX_TRACKED;
        }
    };

    /** Counts one more failure of the record and returns how many it has had (1 = first). */
    public synchronized int failed(String where) {
        return failures.merge(where, 1, Integer::sum);
    }

    /** The record is done with (processed after all, or dead-lettered). */
    public synchronized void forget(String where) {
        failures.remove(where);
    }

    /** "topic/partition@offset", the key of a source record. */
    public static String key(String topic, int partition, long offset) {
        return topic + "/" + partition + "@" + offset;
    }
}
