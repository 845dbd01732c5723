package io.igrelay.ingress.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingress's write-ahead spool (contract §8): deliveries Kafka could not take are appended here and answered 200
 * only once an fsync covers them (SpoolWriter's group commit: many concurrent deliveries share one disk flush).
 * Records are read back in append order (SpoolReader), released after Kafka acknowledged them, and survive restarts;
 * the directory is locked (SpoolDirLock). A sequence number is never given twice while the spool is open: the
 * numbers of appends a failed write lost become a gap that readers step over, so a late answer about one record can
 * never be taken for another.
 */
public final class Spool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
    private static final long ACCEPT_HEADROOM = 4L * 1024 * 1024; // one delivery at the body limit

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final LongSupplier clock;
    private final SpoolCheckpoint checkpoint;
    private final SpoolDirLock dirLock;
    private final Object lock = new Object();
    private final ArrayDeque<SpoolSegment> segments = new ArrayDeque<>();
    private final SpoolWriter writer;
    private final long corruptRecoveries;
    private final SequenceGaps gaps = new SequenceGaps(); // guarded by lock

    // guarded by lock
    private long nextSeq;
    private long durableSeq;
    private long headSeq;
    private long liveBytes;
    private long headAppendedAt = -1;
    private SpoolEntry.Position head;
    private long nextSegmentIndex;
    private boolean closed;
    private boolean writeFailed; // the last write or fsync failed; cleared by the next one that succeeds

    private Spool(Path dir, long maxBytes, long segmentBytes, LongSupplier clock, SpoolWriter.WriteFault fault)
            throws IOException {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
        this.clock = clock;
        this.dirLock = SpoolDirLock.acquire(dir);
        this.checkpoint = new SpoolCheckpoint(dir);
        SpoolRecovery.Recovered recovered = SpoolRecovery.recover(dir, checkpoint);
        segments.addAll(recovered.segments());
        nextSeq = recovered.records();
        durableSeq = nextSeq;
        liveBytes = recovered.bytes();
        headAppendedAt = recovered.headAppendedAt();
        head = recovered.head();
        nextSegmentIndex = recovered.nextSegmentIndex();
        this.corruptRecoveries = recovered.corrupt();
        if (nextSeq > 0) {
            LOG.info("spool: {} records ({} bytes) waiting in {} to be replayed to Kafka", nextSeq, liveBytes, dir);
        }
        this.writer = new SpoolWriter(lock, new WriterLog(), fault).start();
    }

    /** Opens (and recovers) the spool in {@code dir}; {@code clock} gives milliseconds for the records' age. */
    public static Spool open(Path dir, long maxBytes, long segmentBytes, LongSupplier clock) {
        return open(dir, maxBytes, segmentBytes, clock, () -> { });
    }

    static Spool open(Path dir, long maxBytes, long segmentBytes, LongSupplier clock,
            SpoolWriter.WriteFault fault) {
        try {
            return new Spool(dir, maxBytes, segmentBytes, clock, fault);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the spool in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A queued append: its sequence number now, and a future that completes once an fsync covers it. */
    public record Appended(long seq, CompletableFuture<Long> durable) {
    }

    /**
     * Queues a record in arrival order. The returned future completes once it is on disk (fsync), or fails with
     * {@link SpoolFullException} at once (seq -1) when it would exceed the size limit.
     */
    public Appended append(byte[] key, byte[] value) {
        long now = clock.getAsLong();
        ByteBuffer record = SpoolFormat.encode(now, key, value);
        CompletableFuture<Long> done = new CompletableFuture<>();
        synchronized (lock) {
            if (closed) {
                return new Appended(-1,
                        CompletableFuture.failedFuture(new IllegalStateException("the spool is closed")));
            }
            if (liveBytes + record.remaining() > maxBytes) {
                return new Appended(-1, CompletableFuture.failedFuture(new SpoolFullException(maxBytes)));
            }
            if (headSeq == nextSeq) {
                headAppendedAt = now;
            }
            long seq = nextSeq++;
            liveBytes += record.remaining();
            writer.enqueue(new SpoolWriter.Pending(seq, now, record, done));
            return new Appended(seq, done);
        }
    }

    /** Up to {@code maxRecords} durable records from the head, in append order (the replayer's only reader). */
    public List<SpoolEntry> peek(int maxRecords, long maxBytesTotal) {
        SpoolReader.From from;
        synchronized (lock) {
            from = new SpoolReader.From(new ArrayList<>(segments), head, headSeq, durableSeq, gaps.copy());
        }
        return SpoolReader.read(from, maxRecords, maxBytesTotal);
    }

    /** Everything up to and including {@code acked} is on Kafka: move the head, drop finished segment files. */
    public void release(List<SpoolEntry> acked) {
        if (acked.isEmpty()) {
            return;
        }
        SpoolEntry last = acked.get(acked.size() - 1);
        long bytes = acked.stream().mapToLong(SpoolEntry::size).sum();
        List<SpoolSegment> finished = new ArrayList<>();
        SpoolEntry.Position recorded;
        synchronized (lock) {
            if (last.seq() < headSeq) {
                return;
            }
            headSeq = gaps.skip(last.seq() + 1);
            gaps.dropBefore(headSeq);
            head = last.end();
            liveBytes -= bytes;
            while (segments.size() > 1 && (segments.peekFirst().index < head.segment()
                    || (segments.peekFirst().index == head.segment()
                    && head.offset() >= segments.peekFirst().durableEnd
                    && segments.peekFirst().durableEnd == segments.peekFirst().writeEnd))) {
                finished.add(segments.pollFirst());
            }
            if (!finished.isEmpty() && head.segment() < segments.peekFirst().index) {
                head = new SpoolEntry.Position(segments.peekFirst().index, 0);
            }
            headAppendedAt = headSeq == nextSeq ? -1 : oldestAfterRelease();
            recorded = head;
        }
        try {
            checkpoint.write(recorded);
            for (SpoolSegment segment : finished) {
                segment.close();
                Files.deleteIfExists(segment.path);
            }
        } catch (IOException e) {
            LOG.warn("spool: could not record the head or delete a finished segment ({}); records after the last "
                    + "recorded head may be replayed again after a restart", e.getMessage());
        }
    }

    /**
     * True while an append can be made durable: open, below the size limit (with room for a large delivery) and
     * the last write reached the disk. The ingress stays ready on this while Kafka is down.
     */
    public boolean accepting() {
        synchronized (lock) {
            return !closed && !writeFailed && liveBytes + ACCEPT_HEADROOM <= maxBytes;
        }
    }

    public boolean isEmpty() {
        synchronized (lock) {
            return headSeq == nextSeq;
        }
    }

    public long records() {
        synchronized (lock) {
            return nextSeq - headSeq - gaps.size();
        }
    }

    public long bytes() {
        synchronized (lock) {
            return liveBytes;
        }
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Milliseconds since the oldest record still in the spool was appended; 0 when empty. */
    public long oldestAgeMillis() {
        synchronized (lock) {
            return headAppendedAt < 0 ? 0 : Math.max(0, clock.getAsLong() - headAppendedAt);
        }
    }

    /** How many corrupted or torn records recovery cut off when the spool was opened. */
    public long corruptRecoveries() {
        return corruptRecoveries;
    }

    public Path directory() {
        return dir;
    }

    private long oldestAfterRelease() {
        long onDisk = SpoolReader.oldestAppendedAt(segments, head);
        return onDisk >= 0 ? onDisk : writer.oldestQueuedAt(clock.getAsLong());
    }

    /** The spool's side of the writer's batches; SpoolWriter calls it with the lock held. */
    private final class WriterLog implements SpoolWriter.Log {

        @Override
        public SpoolSegment activeSegment() throws IOException {
            SpoolSegment active = segments.peekLast();
            if (active != null && active.writeEnd < segmentBytes) {
                return active;
            }
            SpoolSegment created = SpoolSegment.create(dir, nextSegmentIndex++);
            SpoolRecovery.syncDirectory(dir);
            if (active != null && segments.size() == 1 && head.segment() == active.index
                    && head.offset() >= active.writeEnd) {
                // nothing unread stays behind in the old active segment; start reading in the new one
                head = new SpoolEntry.Position(created.index, 0);
            }
            segments.addLast(created);
            return created;
        }

        @Override
        public void durable(Set<SpoolSegment> touched, long lastSeq) {
            for (SpoolSegment segment : touched) {
                segment.durableEnd = segment.writeEnd;
            }
            durableSeq = lastSeq + 1;
            writeFailed = false;
        }

        /** Cuts the files back to what is durable; the lost appends' numbers become a gap. */
        @Override
        public void lost(List<SpoolWriter.Pending> failed, Set<SpoolSegment> touched, IOException cause) {
            LOG.error("spool: write or fsync failed in {}: {}; answering 503 until the disk recovers", dir,
                    cause.getMessage());
            writeFailed = true;
            for (SpoolSegment segment : touched) {
                try {
                    segment.truncate(segment.durableEnd);
                } catch (IOException ignored) {
                    // the CRC check at the next recovery cuts whatever stays behind
                }
            }
            // the lost appends' numbers are never given again: a late answer about one of them (a doubt the
            // publisher kept) must not be taken for a later record
            gaps.add(durableSeq, nextSeq);
            durableSeq = nextSeq;
            headSeq = gaps.skip(headSeq);
            gaps.dropBefore(headSeq);
            failed.forEach(p -> liveBytes -= p.record().remaining());
            if (headSeq == nextSeq) {
                headAppendedAt = -1;
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        try {
            writer.close();
            synchronized (lock) {
                for (SpoolSegment segment : segments) {
                    segment.close();
                }
            }
            dirLock.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("spool: close failed: {}", e.getMessage());
        }
    }
}
