package io.igrelay.ingress.api;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Idempotency-Key (SPEC 5.2): the first request with a key does the work; a repeat within the TTL gets the first
 * answer (waiting for it if the first is still in flight) and does nothing. Refusals the client caused are kept like
 * successes; failures worth retrying (Kafka down) forget the key so a retry can succeed. Held in memory per replica,
 * bounded by {@code maxEntries} (expired entries are purged first).
 */
public final class IdempotencyStore<T> {

    private record Entry<T>(Future<T> answer, Instant expiresAt) {
    }

    private final Map<String, Entry<T>> entries = new ConcurrentHashMap<>();
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
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(e -> !now.isBefore(e.expiresAt()));
        }
        Promise<T> promise = Promise.promise();
        Entry<T> mine = new Entry<>(promise.future(), now.plus(ttl));
        Entry<T> winner = entries.compute(key, (k, existing) ->
                existing != null && now.isBefore(existing.expiresAt()) ? existing : mine);
        if (winner != mine) {
            return winner.answer();
        }
        Future<T> result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        result.onComplete(ar -> {
            if (ar.failed() && !keepFailure.test(ar.cause())) {
                entries.remove(key, mine);
            }
            promise.handle(ar);
        });
        return promise.future();
    }

    public int size() {
        return entries.size();
    }
}
