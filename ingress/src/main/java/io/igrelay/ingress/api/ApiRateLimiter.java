package io.igrelay.ingress.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-API-key token buckets (contract §5.2): each key may make {@code perSecond} requests per second with a burst of one
 * second's worth. A refused request learns how many whole seconds to wait ({@code Retry-After}). Buckets idle longer
 * than a minute are dropped so the map stays as small as the set of active keys.
 */
public final class ApiRateLimiter {

    private static final long NANOS = 1_000_000_000L;
    private static final long IDLE_NANOS = 60 * NANOS;

    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** The outcome: allowed, or refused with the seconds to wait. */
    public record Decision(boolean allowed, long retryAfterSeconds) {
    }

    private static final class Bucket {
        double tokens;
        long updatedAt;
    }

    public ApiRateLimiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    public Decision tryAcquire(String keyId, int perSecond) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > 10_000) {
            buckets.values().removeIf(b -> now - b.updatedAt > IDLE_NANOS);
        }
        Bucket bucket = buckets.computeIfAbsent(keyId, k -> {
            Bucket b = new Bucket();
            b.tokens = perSecond;
            b.updatedAt = now;
            return b;
        });
        synchronized (bucket) {
            double refill = (now - bucket.updatedAt) * (double) perSecond / NANOS;
            bucket.tokens = Math.min(perSecond, bucket.tokens + refill);
            bucket.updatedAt = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return new Decision(true, 0);
            }
            double secondsToToken = (1 - bucket.tokens) / perSecond;
            return new Decision(false, Math.max(1, (long) Math.ceil(secondsToToken)));
        }
    }
}
