package io.igrelay.dispatcher.webhooks.delivery;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/*
 * Which queue offsets may be committed: a record is done when every webhook it was fanned out to has succeeded or
 * let it go (disabled: it is recovered by the catch-up replay). The commit position of a partition is its oldest
 * unfinished offset, so a restart re-reads exactly what was not finished; successes are skipped by the dedup set.
 */
final class OffsetTracker {

    private final Map<Integer, TreeMap<Long, Integer>> open = new HashMap<>();
    private final Map<Integer, Long> nextOffset = new HashMap<>();

    void register(int partition, long offset, int deliveries) {
        nextOffset.merge(partition, offset + 1, Math::max);
        if (deliveries > 0) {
            open.computeIfAbsent(partition, p -> new TreeMap<>()).put(offset, deliveries);
        }
    }

    void done(int partition, long offset) {
        TreeMap<Long, Integer> pending = open.get(partition);
        if (pending == null) {
            return;
        }
        pending.computeIfPresent(offset, (o, n) -> n <= 1 ? null : n - 1);
    }

    /** Takes back the latest registered offset (its record was not handled after all): it is read again. */
    void withdraw(int partition, long offset) {
        TreeMap<Long, Integer> pending = open.get(partition);
        if (pending != null) {
            pending.remove(offset);
        }
        nextOffset.computeIfPresent(partition, (p, next) -> next == offset + 1 ? offset : next);
    }

    /** The offset to commit for the partition (next to read), if anything was read. */
    OptionalLong committable(int partition) {
        TreeMap<Long, Integer> pending = open.get(partition);
        if (pending != null && !pending.isEmpty()) {
            return OptionalLong.of(pending.firstKey());
        }
        Long next = nextOffset.get(partition);
        return next == null ? OptionalLong.empty() : OptionalLong.of(next);
    }

    void forget(int partition) {
        open.remove(partition);
        nextOffset.remove(partition);
    }

    int openCount() {
        return open.values().stream().mapToInt(TreeMap::size).sum();
    }
}
