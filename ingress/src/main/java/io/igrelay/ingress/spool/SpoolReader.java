package io.igrelay.ingress.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/*
 * Reads the spool's durable records from a position on, in append order, from a snapshot of its segments taken
 * under the spool's lock: the reader never looks past what an fsync covers (a segment's durableEnd, the spool's
 * durable sequence) and steps over the sequence numbers a failed write lost (SequenceGaps).
 */
final class SpoolReader {

    /** Where a read starts and how far it may go: the head's position and sequence, the durable limit, the gaps. */
    record From(List<SpoolSegment> segments, SpoolEntry.Position position, long seq, long limitSeq,
            SequenceGaps gaps) {
    }

    private SpoolReader() {
    }

    /** Up to {@code maxRecords} records (and about {@code maxBytes}, at least one) from {@code from}. */
    static List<SpoolEntry> read(From from, int maxRecords, long maxBytes) {
        List<SpoolEntry> entries = new ArrayList<>();
        long seq = from.seq();
        long bytes = 0;
        long offset = from.position().offset();
        try {
            for (SpoolSegment segment : from.segments()) {
                if (segment.index < from.position().segment()) {
                    continue;
                }
                if (segment.index > from.position().segment()) {
                    offset = 0;
                }
                long limit = segment.durableEnd;
                while (seq < from.limitSeq() && offset < limit) {
                    if (entries.size() >= maxRecords || (bytes >= maxBytes && !entries.isEmpty())) {
                        return entries;
                    }
                    SpoolSegment.Read read = segment.read(offset, limit).orElseThrow(() ->
                            new IOException("spool record changed on disk in " + segment.path));
                    var record = read.record();
                    SpoolEntry entry = new SpoolEntry(seq, record.appendedAt(), record.key(), record.value(),
                            new SpoolEntry.Position(segment.index, read.end()));
                    seq = from.gaps().skip(seq + 1);
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

    /** When the oldest record at or after {@code head} was appended, or -1 when none is on disk. */
    static long oldestAppendedAt(Iterable<SpoolSegment> segments, SpoolEntry.Position head) {
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
        return -1;
    }
}
