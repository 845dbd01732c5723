package io.igrelay.ingress.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening a spool after a stop or a crash: every segment from the checkpointed head is scanned record by record
 * (length + CRC framing). A corrupted record is skipped with a log line, never replayed as garbage, and the scan
 * resynchronises on the next valid record, so every good record after it is kept; a segment with such a gap is
 * rewritten without it, a torn tail is cut off. Empty segments are removed and a fresh active segment is started.
 */
final class SpoolRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolRecovery.class);

    private SpoolRecovery() {
    }

    record Recovered(List<SpoolSegment> segments, long records, long bytes, long headAppendedAt,
                     SpoolEntry.Position head, long nextSegmentIndex, long corrupt) {
    }

    static Recovered recover(Path dir, SpoolCheckpoint checkpoint) throws IOException {
        SpoolEntry.Position start = checkpoint.read().orElse(new SpoolEntry.Position(-1, 0));
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> SpoolSegment.indexOf(p).isPresent())
                    .sorted((a, b) -> Long.compare(SpoolSegment.indexOf(a).getAsLong(),
                            SpoolSegment.indexOf(b).getAsLong()))
                    .toList();
        }
        List<SpoolSegment> segments = new ArrayList<>();
        long corrupt = 0;
        long maxIndex = -1;
        long records = 0;
        long bytes = 0;
        long headAppendedAt = -1;
        SpoolEntry.Position head = null;
        for (Path file : files) {
            long index = SpoolSegment.indexOf(file).getAsLong();
            maxIndex = Math.max(maxIndex, index);
            if (index < start.segment()) {
                Files.deleteIfExists(file);
                continue;
            }
            SpoolSegment segment = SpoolSegment.open(file, index);
            long from = index == start.segment() ? start.offset() : 0;
            SegmentScan scan = SegmentScan.of(segment, from);
            corrupt += scan.skipped().size();
            for (SegmentScan.Skipped skipped : scan.skipped()) {
                LOG.warn("spool: {} corrupted or torn bytes in {} at byte {}; {}", skipped.length(),
                        file.getFileName(), skipped.offset(), skipped.resumedAt() < 0
                                ? "no valid record after them, cut off"
                                : "resumed at the next valid record (byte " + skipped.resumedAt() + ")");
            }
            if (scan.hasGapBeforeItsEnd()) {
                if (from > 0) {
                    // a crash before the rename then replays released records again (duplicates), never skips any
                    checkpoint.write(new SpoolEntry.Position(index, 0));
                }
                segment = scan.rewrite(segment); // only the valid records, in order, from byte 0
                from = 0;
            } else if (!scan.skipped().isEmpty()) {
                segment.truncate(scan.end());
            }
            long offset = segment.size();
            long count = scan.frames().size();
            if (count > 0) {
                headAppendedAt = headAppendedAt < 0 ? scan.firstAppendedAt() : headAppendedAt;
                bytes += scan.bytes();
            }
            segment.durableEnd = offset;
            segment.writeEnd = offset;
            if (count == 0) {
                segment.close();
                Files.deleteIfExists(file);
                continue;
            }
            if (head == null) {
                head = new SpoolEntry.Position(index, from);
            }
            segments.add(segment);
            records += count;
        }
        long next = maxIndex + 1;
        SpoolSegment active = SpoolSegment.create(dir, next++);
        syncDirectory(dir);
        if (head == null) {
            head = new SpoolEntry.Position(active.index, 0);
        }
        segments.add(active);
        checkpoint.write(head);
        return new Recovered(segments, records, bytes, headAppendedAt, head, next, corrupt);
    }

    static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // not every file system lets a directory be opened; the data files are synced regardless
        }
    }
}
