package io.igrelay.ingress.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/*
 * The spool's group commit: one writer thread takes every append queued meanwhile (up to a batch size), writes them
 * to the active segment and fsyncs once, so many concurrent deliveries share one disk flush; each append's future
 * completes once an fsync covers it, or fails with everything not yet durable when a write or fsync fails. The
 * queue is guarded by the spool's monitor, which the spool holds while it numbers an append and queues it, so the
 * queue is in sequence order.
 */
final class SpoolWriter implements AutoCloseable {

    private static final long MAX_WRITE_BATCH = 64L * 1024 * 1024;

    /** One queued append. */
    record Pending(long seq, long appendedAt, ByteBuffer record, CompletableFuture<Long> done) {
    }

    /** What the writer asks of the spool; every call is made with the monitor held. */
    interface Log {
        /** The segment the next record goes to (a new one when the active one is full). */
        SpoolSegment activeSegment() throws IOException;

        /** The touched segments are durable up to their write end, and every append up to {@code lastSeq}. */
        void durable(Set<SpoolSegment> touched, long lastSeq);

        /** A write or fsync failed ({@code cause}): these appends are lost and the touched segments are cut back. */
        void lost(List<Pending> failed, Set<SpoolSegment> touched, IOException cause);
    }

    /** Called before each batch is written (tests make a write fail); the real disk needs nothing. */
    @FunctionalInterface
    interface WriteFault {
        void check() throws IOException;
    }

    private final Object monitor;
    private final Log log;
    private final WriteFault fault;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>(); // guarded by monitor
    private final Thread thread;
    private boolean closed; // guarded by monitor

    SpoolWriter(Object monitor, Log log, WriteFault fault) {
        this.monitor = monitor;
        this.log = log;
        this.fault = fault;
        this.thread = new Thread(this::loop, "igrelay-spool-writer");
        this.thread.setDaemon(true);
    }

    SpoolWriter start() {
        thread.start();
        return this;
    }

    /** Queues an append; the caller holds the monitor. */
    void enqueue(Pending pending) {
        queue.add(pending);
        monitor.notifyAll();
    }

    /** When the oldest queued append was made, or {@code fallback} when none waits; the caller holds the monitor. */
    long oldestQueuedAt(long fallback) {
        return queue.isEmpty() ? fallback : queue.peekFirst().appendedAt();
    }

    private void loop() {
        while (true) {
            List<Pending> batch = new ArrayList<>();
            synchronized (monitor) {
                while (queue.isEmpty() && !closed) {
                    try {
                        monitor.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (queue.isEmpty()) {
                    return;
                }
                long size = 0;
                while (!queue.isEmpty() && (batch.isEmpty() || size < MAX_WRITE_BATCH)) {
                    Pending p = queue.poll();
                    size += p.record().remaining();
                    batch.add(p);
                }
            }
            write(batch);
        }
    }

    private void write(List<Pending> batch) {
        Set<SpoolSegment> touched = new LinkedHashSet<>();
        try {
            fault.check();
            for (Pending p : batch) {
                SpoolSegment active;
                synchronized (monitor) {
                    active = log.activeSegment();
                }
                active.write(p.record());
                touched.add(active);
            }
            for (SpoolSegment segment : touched) {
                segment.sync();
            }
        } catch (IOException e) {
            fail(batch, touched, e);
            return;
        }
        synchronized (monitor) {
            log.durable(touched, batch.get(batch.size() - 1).seq());
        }
        batch.forEach(p -> p.done().complete(p.seq()));
    }

    /** Fails the batch and everything queued behind it (none of it is durable). */
    private void fail(List<Pending> batch, Set<SpoolSegment> touched, IOException e) {
        List<Pending> failed = new ArrayList<>(batch);
        synchronized (monitor) {
            failed.addAll(queue);
            queue.clear();
            log.lost(failed, touched, e);
        }
        failed.forEach(p -> p.done().completeExceptionally(new UncheckedIOException(e)));
    }

    /** Writes what is queued, then stops (waits at most 10 s). */
    @Override
    public void close() throws InterruptedException {
        synchronized (monitor) {
            closed = true;
            monitor.notifyAll();
        }
        thread.join(10_000);
    }
}
