package io.igrelay.sandbox.state;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * An append-only inspection log that keeps the newest {@code limit} entries, so a benchmark run cannot grow the
 * sandbox's memory without bound. Sequence numbers keep the global order across event loops.
 */
public final class BoundedLog<T> {
    private final ConcurrentLinkedDeque<T> entries = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong seq = new AtomicLong();
    private final int limit;

    public BoundedLog(int limit) {
        this.limit = limit;
    }

    public long nextSeq() {
        return seq.incrementAndGet();
    }

    public void add(T entry) {
        entries.addLast(entry);
        if (size.incrementAndGet() > limit && entries.pollFirst() != null) {
            size.decrementAndGet();
        }
    }

    public List<T> list(Predicate<T> filter, int max) {
        List<T> out = new ArrayList<>();
        for (T t : entries) {
            if (filter.test(t)) {
                out.add(t);
            }
        }
        return out.size() > max ? out.subList(out.size() - max, out.size()) : out;
    }

    public long total() {
        return seq.get();
    }

    public void clear() {
        entries.clear();
        size.set(0);
    }
}
