package io.igrelay.processor.state;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Asks Streams for an early commit when a task keeps up with live traffic at low load, so that a record does not
 * wait out the whole commit interval before read_committed readers (the next hop of the processor's own
 * repartition, or ig.events consumers) see it. A check period asks only if it forwarded some records, fewer than
 * {@code busyThreshold}, and none of them had been received more than {@code maxAge} earlier (a task working off a
 * backlog is behind, whatever its momentary rate). Otherwise the regular commit interval applies, so a backlog is
 * never committed in small, costly transactions. A commit request changes only when data becomes visible, never
 * what is written.
 */
public final class LowLoadCommits {

    /** How often a task checks; 50 records in one check (2,500/s) count as busy; 1 s old counts as behind. */
    public static final Duration INTERVAL = Duration.ofMillis(20);
    public static final int BUSY_THRESHOLD = 50;
    public static final Duration MAX_AGE = Duration.ofSeconds(1);
    /** The shortest time between two early commits one stream thread asks for, whatever its number of tasks. */
    public static final Duration THREAD_GAP = Duration.ofMillis(50);

    private final int busyThreshold;
    private final long maxAgeMillis;
    private final LongSupplier wallClock;
    private int forwarded;
    private boolean behind;

    LowLoadCommits(int busyThreshold, Duration maxAge, LongSupplier wallClock) {
        this.busyThreshold = busyThreshold;
        this.maxAgeMillis = maxAge.toMillis();
        this.wallClock = wallClock;
    }

    /** Checks every {@link #INTERVAL} of wall-clock time (Streams' clock) with the default thresholds. */
    public static LowLoadCommits schedule(ProcessorContext<?, ?> context) {
        LowLoadCommits commits = new LowLoadCommits(BUSY_THRESHOLD, MAX_AGE, context::currentSystemTimeMs);
        context.schedule(INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> {
            if (commits.shouldCommit() && ThreadPace.current().allows(now)) {
                context.commit();
            }
        });
        return commits;
    }

    /** Notes one forwarded record and when the hub received it (epoch millis). */
    public void forwarded(long receivedAtMillis) {
        forwarded++;
        if (wallClock.getAsLong() - receivedAtMillis > maxAgeMillis) {
            behind = true;
        }
    }

    /** Whether the period that just ended kept up with a light live load; starts the next period. */
    boolean shouldCommit() {
        boolean commit = forwarded > 0 && forwarded < busyThreshold && !behind;
        forwarded = 0;
        behind = false;
        return commit;
    }

    /**
     * Early commits per stream thread. Under exactly_once_v2 a thread has one producer and one transaction for all
     * its tasks, so one task's request commits them all; asked per task, a thread with six partitions' tasks committed
     * up to 300 transactions a second at low load, each writing markers and offsets on every partition it touched,
     * and the broker's work for them bounded the end-to-end row at 6 partitions (docs/performance.md). Punctuations
     * run on the stream thread that owns the task, so the pace is kept per thread.
     */
    static final class ThreadPace {

        private static final ThreadLocal<ThreadPace> OF_THREAD =
                ThreadLocal.withInitial(() -> new ThreadPace(THREAD_GAP));

        private final long gapMillis;
        private long lastMillis = Long.MIN_VALUE / 2;

        ThreadPace(Duration gap) {
            this.gapMillis = gap.toMillis();
        }

        static ThreadPace current() {
            return OF_THREAD.get();
        }

        /** Whether an early commit may be asked at {@code nowMillis}; if so, the next one waits a gap from now. */
        boolean allows(long nowMillis) {
            if (nowMillis - lastMillis < gapMillis) {
                return false;
            }
            lastMillis = nowMillis;
            return true;
        }
    }
}
