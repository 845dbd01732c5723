package io.igrelay.ingress.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingress's write-ahead spool (SPEC 8): deliveries Kafka could not take are appended here and answered 200 only
 * once an fsync covers them. One writer thread batches the fsync of every append queued meanwhile (group commit),
 * so many concurrent deliveries share one disk flush. Records are read back in append order, released after Kafka
 * acknowledged them, and survive restarts; the directory is locked so two processes never share it.
 */
public final class Spool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
    private static final long MAX_WRITE_BATCH = 64L * 1024 * 1024;
    private static final long ACCEPT_HEADROOM = 4L * 1024 * 1024; // one delivery at the body limit

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final LongSupplier clock;
    private final SpoolCheckpoint checkpoint;
    private final FileChannel lockChannel;
    private final FileLock dirLock;
    private final Object lock = new Object();
    private final ArrayDeque<SpoolSegment> segments = new ArrayDeque<>();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Thread writer;
    private final long corruptRecoveries;

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

    private record Pending(long seq, long appendedAt, ByteBuffer record, CompletableFuture<Long> done) {
    }

    private Spool(Path dir, long maxBytes, long segmentBytes, LongSupplier clock) throws IOException {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
        this.clock = clock;
        Files.createDirectories(dir);
        this.lockChannel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        this.dirLock = tryLock(lockChannel);
        if (dirLock == null) {
            lockChannel.close();
            throw new IOException("spool directory " + dir + " is used by another process");
        }
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
        this.writer = new Thread(this::writeLoop, "igrelay-spool-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    /** Opens (and recovers) the spool in {@code dir}; {@code clock} gives milliseconds for the records' age. */
    public static Spool open(Path dir, long maxBytes, long segmentBytes, LongSupplier clock) {
        try {
            return new Spool(dir, maxBytes, segmentBytes, clock);
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
                return new Appended(-1, CompletableFuture.failedFuture(new IllegalStateException("the spool is closed")));
            }
            if (liveBytes + record.remaining() > maxBytes) {
                return new Appended(-1, CompletableFuture.failedFuture(new SpoolFullException(maxBytes)));
            }
            if (headSeq == nextSeq) {
                headAppendedAt = now;
            }
            long seq = nextSeq++;
            liveBytes += record.remaining();
            queue.add(new Pending(seq, now, record, done));
            lock.notifyAll();
            return new Appended(seq, done);
        }
    }

    /** Up to {@code maxRecords} durable records from the head, in append order (the replayer's only reader). */
    public List<SpoolEntry> peek(int maxRecords, long maxBytesTotal) {
        List<SpoolSegment> snapshot;
        SpoolEntry.Position from;
        long seq;
        long limitSeq;
        synchronized (lock) {
            snapshot = new ArrayList<>(segments);
            from = head;
            seq = headSeq;
            limitSeq = durableSeq;
        }
        List<SpoolEntry> entries = new ArrayList<>();
        long bytes = 0;
        long offset = from.offset();
        try {
            for (SpoolSegment segment : snapshot) {
                if (segment.index < from.segment()) {
                    continue;
                }
                if (segment.index > from.segment()) {
                    offset = 0;
                }
                long limit = segment.durableEnd;
                while (seq < limitSeq && offset < limit) {
                    if (entries.size() >= maxRecords || (bytes >= maxBytesTotal && !entries.isEmpty())) {
                        return entries;
                    }
                    SpoolSegment.Read read = segment.read(offset, limit).orElseThrow(() ->
                            new IOException("spool record changed on disk in " + segment.path));
                    var record = read.record();
                    SpoolEntry entry = new SpoolEntry(seq++, record.appendedAt(), record.key(), record.value(),
                            new SpoolEntry.Position(segment.index, read.end()));
                    entries.add(entry);
                    bytes += entry.size();
                    offset = read.end();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spool: " + e.getMessage(), e);
        }
        return entries;
    }

    /** Everything up to and including {@code acked} is on Kafka: move the head, drop finished segment files. */
    public void release(List<SpoolEntry> acked) {
        if (acked.isEmpty()) {
            return;
        }
        SpoolEntry last = acked.get(acked.size() - 1);
        long bytes = acked.stream().mapToLong(SpoolEntry::size).sum();
        List<SpoolSegment> finished = new ArrayList<>();
        synchronized (lock) {
            if (last.seq() < headSeq) {
                return;
            }
            headSeq = last.seq() + 1;
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
        }
        try {
            checkpoint.write(head());
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
            return nextSeq - headSeq;
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

    private SpoolEntry.Position head() {
        synchronized (lock) {
            return head;
        }
    }

    private long oldestAfterRelease() {
        for (SpoolSegment segment : segments) {
            if (segment.index >= head.segment()) {
                long offset = segment.index == head.segment() ? head.offset() : 0;
                try {
                    long at = segment.appendedAt(offset);
                    if (at >= 0) {
                        return at;
                    }
                } catch (IOException e) {
                    break;
                }
            }
        }
        return queue.isEmpty() ? clock.getAsLong() : queue.peekFirst().appendedAt();
    }

    private void writeLoop() {
        while (true) {
            List<Pending> batch = new ArrayList<>();
            synchronized (lock) {
                while (queue.isEmpty() && !closed) {
                    try {
                        lock.wait();
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
            writeBatch(batch);
        }
    }

    private void writeBatch(List<Pending> batch) {
        Set<SpoolSegment> touched = new LinkedHashSet<>();
        try {
            for (Pending p : batch) {
                SpoolSegment active = activeSegment();
                active.write(p.record());
                touched.add(active);
            }
            for (SpoolSegment segment : touched) {
                segment.sync();
            }
        } catch (IOException e) {
            failBatch(batch, touched, e);
            return;
        }
        synchronized (lock) {
            for (SpoolSegment segment : touched) {
                segment.durableEnd = segment.writeEnd;
            }
            durableSeq = batch.get(batch.size() - 1).seq() + 1;
            writeFailed = false;
        }
        batch.forEach(p -> p.done().complete(p.seq()));
    }

    /** A failed write or fsync: cut the files back to what is durable and fail everything not yet durable. */
    private void failBatch(List<Pending> batch, Set<SpoolSegment> touched, IOException e) {
        LOG.error("spool: write or fsync failed in {}: {}; answering 503 until the disk recovers", dir,
                e.getMessage());
        List<Pending> failed = new ArrayList<>(batch);
        synchronized (lock) {
            writeFailed = true;
            failed.addAll(queue);
            queue.clear();
            for (SpoolSegment segment : touched) {
                try {
                    segment.truncate(segment.durableEnd);
                } catch (IOException ignored) {
                    // the CRC check at the next recovery cuts whatever stays behind
                }
            }
            nextSeq = durableSeq;
            failed.forEach(p -> liveBytes -= p.record().remaining());
            if (headSeq == nextSeq) {
                headAppendedAt = -1;
            }
        }
        failed.forEach(p -> p.done().completeExceptionally(new UncheckedIOException(e)));
    }

    private SpoolSegment activeSegment() throws IOException {
        synchronized (lock) {
            SpoolSegment active = segments.peekLast();
            if (active != null && active.writeEnd < segmentBytes) {
                return active;
            }
            SpoolSegment created = SpoolSegment.create(dir, nextSegmentIndex++);
            syncDirectory();
            if (active != null && segments.size() == 1 && head.segment() == active.index
                    && head.offset() >= active.writeEnd) {
                // nothing unread stays behind in the old active segment; start reading in the new one
                head = new SpoolEntry.Position(created.index, 0);
            }
            segments.addLast(created);
            return created;
        }
    }


    private void syncDirectory() {
        SpoolRecovery.syncDirectory(dir);
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            writer.join(10_000);
            synchronized (lock) {
                for (SpoolSegment segment : segments) {
                    segment.close();
                }
            }
            dirLock.release();
            lockChannel.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("spool: close failed: {}", e.getMessage());
        }
    }
}
