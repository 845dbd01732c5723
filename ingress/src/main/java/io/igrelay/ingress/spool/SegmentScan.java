package io.igrelay.ingress.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What recovery finds in one segment: its valid records from a starting byte, and the corrupted or torn stretches
 * between them. After a bad record the scan resynchronises on the next valid frame ({@link SpoolFormat#frameAt}),
 * so a flipped byte in the middle costs that one record, never the good records behind it. A segment with a gap
 * before its last valid record is rewritten to hold only its valid records (write, fsync, atomic rename).
 */
final class SegmentScan {

    /** One valid record: its bytes in the file. */
    record Frame(long offset, long end) {
    }

    /** Bytes skipped at {@code offset}; {@code resumedAt} is the next valid record's offset, -1 if none followed. */
    record Skipped(long offset, long length, long resumedAt) {
    }

    private final List<Frame> frames;
    private final List<Skipped> skipped;
    private final long from;
    private final long firstAppendedAt;

    private SegmentScan(List<Frame> frames, List<Skipped> skipped, long from, long firstAppendedAt) {
        this.frames = frames;
        this.skipped = skipped;
        this.from = from;
        this.firstAppendedAt = firstAppendedAt;
    }

    static SegmentScan of(SpoolSegment segment, long from) throws IOException {
        ByteBuffer data = segment.readAll(from);
        List<Frame> frames = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        long firstAppendedAt = -1;
        int pos = 0;
        while (pos < data.limit()) {
            int length = SpoolFormat.frameAt(data, pos);
            if (length > 0) {
                if (firstAppendedAt < 0) {
                    firstAppendedAt = SpoolFormat.appendedAt(data, pos);
                }
                frames.add(new Frame(from + pos, from + pos + length));
                pos += length;
                continue;
            }
            int next = SpoolFormat.nextFrame(data, pos + 1);
            skipped.add(new Skipped(from + pos, (next < 0 ? data.limit() : next) - pos, next < 0 ? -1 : from + next));
            if (next < 0) {
                break;
            }
            pos = next;
        }
        return new SegmentScan(frames, skipped, from, firstAppendedAt);
    }

    List<Frame> frames() {
        return frames;
    }

    List<Skipped> skipped() {
        return skipped;
    }

    /** Where the last valid record ends (the start byte when there is none). */
    long end() {
        return frames.isEmpty() ? from : frames.get(frames.size() - 1).end();
    }

    long bytes() {
        return frames.stream().mapToLong(f -> f.end() - f.offset()).sum();
    }

    long firstAppendedAt() {
        return firstAppendedAt;
    }

    /** True when a corrupted stretch lies between valid records (a cut would lose the ones after it). */
    boolean hasGapBeforeItsEnd() {
        return skipped.stream().anyMatch(s -> s.resumedAt() >= 0);
    }

    /** Replaces the segment's file by one that holds only the valid records, from byte 0; returns it reopened. */
    SpoolSegment rewrite(SpoolSegment segment) throws IOException {
        Path temp = segment.path.resolveSibling(segment.path.getFileName() + ".rewrite");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            for (Frame frame : frames) {
                segment.copyTo(out, frame.offset(), frame.end());
            }
            out.force(true);
        }
        segment.close();
        Files.move(temp, segment.path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        SpoolRecovery.syncDirectory(segment.path.getParent());
        return SpoolSegment.open(segment.path, segment.index);
    }
}
