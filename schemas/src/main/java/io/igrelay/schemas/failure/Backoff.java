package io.igrelay.schemas.failure;

import java.time.Duration;
import java.util.random.RandomGenerator;

/*
 * The one bounded exponential backoff with jitter of the hub (Send API retries, consumers waiting for a dependency,
 * replays): the n-th retry waits a random time between half and all of min(initial * 2^(n-1), max), so retries of
 * many callers spread out. After maxAttempts attempts the caller gives up (for a message: failed + dead letter).
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
        long capped = ceiling(retry).toMillis();
        long half = capped / 2;
        return Duration.ofMillis(half + random.nextLong(capped - half + 1));
    }

    /** The same wait with the jitter given as a fraction in [0, 1] (1 = the whole ceiling), for callers that draw it. */
    public Duration delay(int retry, double fraction) {
        long capped = ceiling(retry).toMillis();
        long half = capped / 2;
        return Duration.ofMillis(half + (long) (fraction * (capped - half)));
    }

    /** The wait before retry number {@code retry} without jitter: min(initial * 2^(retry-1), max). */
    public Duration ceiling(int retry) {
        long ceiling = max.toMillis();
        long exponential = initial.toMillis();
        for (int i = 1; i < retry && exponential < ceiling; i++) {
            exponential *= 2;
        }
        return Duration.ofMillis(Math.min(exponential, ceiling));
    }
}
