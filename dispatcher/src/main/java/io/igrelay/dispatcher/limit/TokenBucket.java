package io.igrelay.dispatcher.limit;

import java.time.Duration;
import java.util.function.LongSupplier;

/*
 * A token bucket of one account and one rate class: {@code perSecond} tokens a second with a one-second burst.
 * It never blocks; it says how long to wait, so a throttled message waits off-thread and other accounts go on.
 * Meta's rate-limit answer pauses the bucket (contract §6.3) until the pause ends.
 */
public final class TokenBucket {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double perSecond;
    private final LongSupplier nanoTime;
    private double tokens;
    private long lastRefill;
    private long pausedUntil;

    public TokenBucket(int perSecond, LongSupplier nanoTime) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("rate must be at least 1/s, was " + perSecond);
        }
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
        this.tokens = perSecond;
        this.lastRefill = nanoTime.getAsLong();
        this.pausedUntil = lastRefill;
    }

    /** Takes a token and answers zero, or takes nothing and answers how long until one is available. */
    public synchronized Duration tryAcquire() {
        long now = nanoTime.getAsLong();
        if (now - pausedUntil < 0) {
            return Duration.ofNanos(pausedUntil - now);
        }
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((1 - tokens) * NANOS_PER_SECOND / perSecond));
    }

    /** Stops handing out tokens for {@code pause} (a later pause end wins) and empties the bucket. */
    public synchronized void pause(Duration pause) {
        long now = nanoTime.getAsLong();
        long until = now + pause.toNanos();
        if (until - pausedUntil > 0) {
            pausedUntil = until;
        }
        tokens = 0;
        lastRefill = pausedUntil;
    }

    private void refill(long now) {
        long elapsed = now - lastRefill;
        if (elapsed > 0) {
            tokens = Math.min(perSecond, tokens + elapsed * perSecond / NANOS_PER_SECOND);
            lastRefill = now;
        }
    }
}
