package io.igrelay.ingress.spool;

import java.util.ArrayDeque;

/**
 * The sequence numbers of appends a failed write lost: they were handed out and are never handed out again, so the
 * spool's readers step over them. Ranges are added in ascending order and dropped once the head has passed them.
 * Not thread-safe: the spool guards it with its lock and gives readers a copy.
 */
final class SequenceGaps {

    private record Gap(long from, long to) {
    }

    private final ArrayDeque<Gap> gaps = new ArrayDeque<>();
    private long size;

    /** Numbers {@code from} (inclusive) to {@code to} (exclusive) belong to no record. */
    void add(long from, long to) {
        if (to > from) {
            gaps.addLast(new Gap(from, to));
            size += to - from;
        }
    }

    /** {@code seq}, or the first number after the gaps it falls into. */
    long skip(long seq) {
        long at = seq;
        for (Gap gap : gaps) {
            if (at >= gap.from() && at < gap.to()) {
                at = gap.to();
            }
        }
        return at;
    }

    /** Forgets the gaps that lie wholly before {@code seq}. */
    void dropBefore(long seq) {
        while (!gaps.isEmpty() && gaps.peekFirst().to() <= seq) {
            Gap gap = gaps.pollFirst();
            size -= gap.to() - gap.from();
        }
    }

    /** How many numbers the remaining gaps hold. */
    long size() {
        return size;
    }

    SequenceGaps copy() {
        SequenceGaps copy = new SequenceGaps();
        gaps.forEach(g -> copy.add(g.from(), g.to()));
        return copy;
    }
}
