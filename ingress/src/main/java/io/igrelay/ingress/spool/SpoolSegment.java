package io.igrelay.ingress.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One append-only file of the spool ({@code segment-<n>.log}). Records are written only by the spool's writer
 * thread and read back by position; {@code durableEnd} is how far an fsync has covered, and readers never look
 * past it. Recovery ({@link SegmentScan}) finds its valid records and rewrites it without a corrupted one.
 */
final class SpoolSegment implements AutoCloseable {

    private static final String PREFIX = "segment-";
    private static final String SUFFIX = ".log";

    final long index;
    final Path path;
    private final FileChannel channel;
    volatile long durableEnd;
    volatile long writeEnd;

    private SpoolSegment(long index, Path path, FileChannel channel, long end) {
        this.index = index;
        this.path = path;
        this.channel = channel;
        this.writeEnd = end;
        this.durableEnd = end;
    }

    static SpoolSegment create(Path dir, long index) throws IOException {
        Path path = dir.resolve(String.format("%s%020d%s", PREFIX, index, SUFFIX));
        return new SpoolSegment(index, path, FileChannel.open(path, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE), 0);
    }

    static SpoolSegment open(Path path, long index) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new SpoolSegment(index, path, channel, channel.size());
    }

    static OptionalLong indexOf(Path file) {
        String name = file.getFileName().toString();
        if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length())));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    long size() throws IOException {
        return channel.size();
    }

    void write(ByteBuffer record) throws IOException {
        while (record.hasRemaining()) {
            writeEnd += channel.write(record, writeEnd);
        }
    }

    void sync() throws IOException {
        channel.force(false);
    }

    void truncate(long length) throws IOException {
        channel.truncate(length);
        writeEnd = length;
        durableEnd = Math.min(durableEnd, length);
    }

    /** The record at {@code offset}, or empty if it is incomplete, impossible or fails its CRC. */
    Optional<Read> read(long offset, long limit) throws IOException {
        if (offset + SpoolFormat.HEADER > limit) {
            return Optional.empty();
        }
        ByteBuffer header = ByteBuffer.allocate(SpoolFormat.HEADER);
        readFully(header, offset);
        int length = SpoolFormat.bodyLength(header);
        if (length < 0 || offset + SpoolFormat.HEADER + length > limit) {
            return Optional.empty();
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        readFully(body, offset + SpoolFormat.HEADER);
        return SpoolFormat.decode(header, body.array())
                .map(d -> new Read(d, offset + SpoolFormat.HEADER + length));
    }

    /** The bytes from {@code from} to the end of the file (recovery scans them in memory). */
    ByteBuffer readAll(long from) throws IOException {
        long length = channel.size() - from;
        if (length > Integer.MAX_VALUE) {
            throw new IOException("spool segment " + path + " is larger than 2 GiB");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) Math.max(0, length));
        readFully(buf, from);
        return buf;
    }

    /** Appends bytes {@code from} to {@code to} of this file to {@code target} (recovery's rewrite). */
    void copyTo(FileChannel target, long from, long to) throws IOException {
        long at = from;
        while (at < to) {
            at += channel.transferTo(at, to - at, target);
        }
    }

    /** Only the append time of the record at {@code offset} (for the spool's age), or -1. */
    long appendedAt(long offset) throws IOException {
        if (offset + SpoolFormat.HEADER + 8 > durableEnd) {
            return -1;
        }
        ByteBuffer buf = ByteBuffer.allocate(8);
        readFully(buf, offset + SpoolFormat.HEADER);
        return buf.getLong(0);
    }

    private void readFully(ByteBuffer buf, long position) throws IOException {
        long at = position;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, at);
            if (n < 0) {
                throw new IOException("unexpected end of " + path + " at " + at);
            }
            at += n;
        }
        buf.flip();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    record Read(SpoolFormat.Decoded record, long end) {
    }
}
