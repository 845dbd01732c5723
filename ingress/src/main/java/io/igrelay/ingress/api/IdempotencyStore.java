package io.igrelay.ingress.api;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Idempotency-Key (contract §5.2): the first request with a key does the work; a repeat within the TTL gets the first
 * answer (waiting for it if the first is still in flight) and does nothing. Refusals the client caused are kept like
 * successes; failures worth retrying (Kafka down) forget the key so a retry can succeed. Held in memory per replica,
 * bounded in time and size: keys are kept in arrival order, and since every key lives the same TTL, the oldest is
 * always first, so expiry and eviction past {@code maxEntries} each take the head of the map (O(1) per key).
 */
public final class IdempotencyStore<T> {

    private record Entry<T>(Future<T> answer, Instant expiresAt) {
    }

    private final LinkedHashMap<String, Entry<T>> entries = new LinkedHashMap<>();
    private final Clock clock;
    private final Duration ttl;
    private final int maxEntries;
    private final Predicate<Throwable> keepFailure;

    public IdempotencyStore(Clock clock, Duration ttl, int maxEntries, Predicate<Throwable> keepFailure) {
        this.clock = clock;
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.keepFailure = keepFailure;
    }

    /** Runs {@code work} unless {@code key} was seen within the TTL, in which case the first answer is returned. */
    public Future<T> execute(String key, Supplier<Future<T>> work) {
        Instant now = clock.instant();
        Promise<T> promise = Promise.promise();
        Entry<T> mine = new Entry<>(promise.future(), now.plus(ttl));
        synchronized (entries) {
            evict(now);
            Entry<T> existing = entries.get(key);
            if (existing != null) {
                return existing.answer();
            }
            entries.put(key, mine);
            if (entries.size() > maxEntries) {
                Iterator<Entry<T>> eldest = entries.values().iterator();
                eldest.next();
                eldest.remove();
            }
        }
        Future<T> result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        result.onComplete(ar -> {
            if (ar.failed() && !keepFailure.test(ar.cause())) {
                synchronized (entries) {
                    entries.remove(key, mine);
                }
            }
            promise.handle(ar);
        });
        return promise.future();
    }

    /** Drops the expired keys at the head (the oldest); stops at the first that still lives. */
    private void evict(Instant now) {
        Iterator<Map.Entry<String, Entry<T>>> oldest = entries.entrySet().iterator();
        while (oldest.hasNext() && !now.isBefore(oldest.next().getValue().expiresAt())) {
            oldest.remove();
        }
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
