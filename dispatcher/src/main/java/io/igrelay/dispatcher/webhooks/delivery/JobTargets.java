package io.igrelay.dispatcher.webhooks.delivery;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/*
 * The queue positions a retry or replay job re-sends, per partition in queue order, each once. A retry names at most
 * 500 log ids and keeps them in memory; a replay can match millions of attempts and keeps them in the local store
 * (ReplayPositions), so the job's memory does not grow with what it matches. Closed when the job ends.
 */
public interface JobTargets extends AutoCloseable {

    /** How many distinct positions. */
    int size();

    /** The partitions with positions, ascending. */
    List<Integer> partitions();

    long first(int partition);

    long last(int partition);

    boolean contains(int partition, long offset);

    @Override
    default void close() {
    }

    /** Positions held in memory (a retry's few log ids). */
    static JobTargets of(Map<Integer, TreeSet<Long>> positions) {
        return new JobTargets() {
            @Override
            public int size() {
                return positions.values().stream().mapToInt(TreeSet::size).sum();
            }

            @Override
            public List<Integer> partitions() {
                return positions.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey)
                        .sorted().toList();
            }

            @Override
            public long first(int partition) {
                return positions.get(partition).first();
            }

            @Override
            public long last(int partition) {
                return positions.get(partition).last();
            }

            @Override
            public boolean contains(int partition, long offset) {
                TreeSet<Long> offsets = positions.get(partition);
                return offsets != null && offsets.contains(offset);
            }
        };
    }
}
