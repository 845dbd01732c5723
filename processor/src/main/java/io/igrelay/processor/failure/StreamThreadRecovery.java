package io.igrelay.processor.failure;

import io.igrelay.schemas.failure.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream thread that dies (a record kept by the failure policy, a broker error) is replaced: the new thread
 * starts from the last commit, so the death is a retry, not a loss. Replacement waits a bounded backoff that grows
 * with deaths in quick succession, and every death is remembered, so health can tell a thread that keeps dying
 * (readiness DOWN) from one that died once.
 */
public final class StreamThreadRecovery implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StreamThreadRecovery.class);
    private static final Duration QUICK_SUCCESSION = Duration.ofMinutes(1);
    private static final int REMEMBERED = 100;

    private final Backoff backoff;
    private final Clock clock;
    private final SplittableRandom random = new SplittableRandom();
    private final Deque<Instant> deaths = new ArrayDeque<>();
    /** Every death since start (a counter for /metrics). */
    public final AtomicLong total = new AtomicLong();

    public StreamThreadRecovery(Backoff backoff, Clock clock) {
        this.backoff = backoff;
        this.clock = clock;
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        int recent = died();
        Duration wait = backoff.delay(recent, random);
        LOG.error("Stream thread died ({} in the last minute); replacing it in {} ms, from the last commit", recent,
                wait.toMillis(), exception);
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** Records a death; returns how many happened within the last minute, this one included. */
    synchronized int died() {
        Instant now = clock.instant();
        total.incrementAndGet();
        deaths.addLast(now);
        while (deaths.size() > REMEMBERED) {
            deaths.removeFirst();
        }
        return (int) deaths.stream().filter(at -> at.isAfter(now.minus(QUICK_SUCCESSION))).count();
    }

    /** Every remembered death, oldest first. */
    public synchronized List<Instant> deaths() {
        return List.copyOf(deaths);
    }
}
