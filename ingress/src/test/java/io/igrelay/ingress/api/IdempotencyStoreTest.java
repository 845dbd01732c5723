package io.igrelay.ingress.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Idempotency-Key: first answer repeated within the TTL, client errors kept, retryable failures forgotten. */
class IdempotencyStoreTest {

    private Instant now = Instant.parse("2026-11-23T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final IdempotencyStore<String> store = new IdempotencyStore<>(clock, Duration.ofHours(24), 100,
            e -> e instanceof ApiError error && error.status() < 500);
    private final AtomicInteger calls = new AtomicInteger();

    private Future<String> work() {
        return Future.succeededFuture("answer-" + calls.incrementAndGet());
    }

    @Test
    void shouldReturnTheFirstAnswerAndNotRunTheWorkAgain() {
        assertThat(store.execute("k", this::work).result()).isEqualTo("answer-1");
        assertThat(store.execute("k", this::work).result()).isEqualTo("answer-1");
        assertThat(calls).hasValue(1);
    }

    @Test
    void shouldRunTheWorkAgainAfterTheTtl() {
        store.execute("k", this::work);
        now = now.plus(Duration.ofHours(24));

        assertThat(store.execute("k", this::work).result()).isEqualTo("answer-2");
    }

    @Test
    void shouldMakeARepeatWaitForTheFirstStillInFlight() {
        Promise<String> first = Promise.promise();
        Future<String> a = store.execute("k", first::future);
        Future<String> b = store.execute("k", this::work);

        assertThat(b.isComplete()).isFalse();
        first.complete("late");
        assertThat(a.result()).isEqualTo("late");
        assertThat(b.result()).isEqualTo("late");
        assertThat(calls).hasValue(0);
    }

    @Test
    void shouldRepeatAClientErrorButForgetARetryableFailure() {
        store.execute("client", () -> Future.failedFuture(ApiError.invalid("to: bad")));
        assertThat(store.execute("client", this::work).cause()).isInstanceOf(ApiError.class);

        store.execute("server", () -> Future.failedFuture(ApiError.unavailable("kafka down")));
        assertThat(store.execute("server", this::work).result()).isEqualTo("answer-1");
    }

    @Test
    void shouldPurgeExpiredEntriesWhenFull() {
        for (int i = 0; i < 100; i++) {
            store.execute("k" + i, this::work);
        }
        now = now.plus(Duration.ofDays(2));
        store.execute("fresh", this::work);

        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void shouldDropExpiredKeysBeforeTheStoreIsFull() {
        store.execute("old", this::work);
        now = now.plus(Duration.ofHours(23));
        store.execute("younger", this::work);
        now = now.plus(Duration.ofHours(2));
        store.execute("fresh", this::work);

        assertThat(store.size()).as("only the key older than the TTL is gone").isEqualTo(2);
    }

    @Test
    void shouldEvictTheOldestKeyWhenFullOfLiveKeys() {
        for (int i = 0; i < 150; i++) {
            store.execute("k" + i, this::work);
        }

        assertThat(store.size()).isEqualTo(100);
        assertThat(store.execute("k149", this::work).result()).as("the newest is kept").isEqualTo("answer-150");
        assertThat(store.execute("k0", this::work).result()).as("the oldest was evicted and runs again")
                .isEqualTo("answer-151");
    }
}
