package io.igrelay.dispatcher.limit;

import java.time.Duration;
import java.util.random.RandomGenerator;

/*
 * Bounded exponential backoff with jitter for transient Send API failures (SPEC 6.3): the n-th retry waits a
 * random time between half and all of min(initial * 2^(n-1), max), so retries of many conversations spread out.
 * After maxAttempts calls the message is given up (failed + dead letter).
 */
public record Backoff(Duration initial, Duration max, int maxAttempts) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max and maxAttempts >= 1");
        }
    }

    /** Whether another call may follow {@code attemptsMade} calls. */
    public boolean allowsAnotherAttempt(int attemptsMade) {
        return attemptsMade < maxAttempts;
    }

    /** The wait before retry number {@code retry} (1 = first retry). */
    public Duration delay(int retry, RandomGenerator random) {
        long ceiling = max.toMillis();
        long exponential = initial.toMillis();
        for (int i = 1; i < retry && exponential < ceiling; i++) {
            exponential *= 2;
        }
        long capped = Math.min(exponential, ceiling);
        long half = capped / 2;
        return Duration.ofMillis(half + random.nextLong(capped - half + 1));
    }
}
