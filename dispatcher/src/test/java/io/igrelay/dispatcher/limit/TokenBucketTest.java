package io.igrelay.dispatcher.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/* Buckets hand out their rate per second, say how long to wait instead of blocking, and obey a pause. */
class TokenBucketTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void shouldAllowABurstOfOneSecondThenAskToWait() {
        TokenBucket bucket = new TokenBucket(10, now::get);

        for (int i = 0; i < 10; i++) {
            assertThat(bucket.tryAcquire()).isZero();
        }
        assertThat(bucket.tryAcquire()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void shouldRefillAtTheConfiguredRate() {
        TokenBucket bucket = new TokenBucket(100, now::get);
        for (int i = 0; i < 100; i++) {
            bucket.tryAcquire();
        }

        now.addAndGet(Duration.ofMillis(50).toNanos());

        int granted = 0;
        while (bucket.tryAcquire().isZero()) {
            granted++;
        }
        assertThat(granted).isEqualTo(5);
    }

    @Test
    void shouldGiveNothingWhilePausedAndRestartEmpty() {
        TokenBucket bucket = new TokenBucket(100, now::get);

        bucket.pause(Duration.ofSeconds(2));

        assertThat(bucket.tryAcquire()).isEqualTo(Duration.ofSeconds(2));
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(bucket.tryAcquire()).isEqualTo(Duration.ofMillis(10));
        now.addAndGet(Duration.ofMillis(10).toNanos());
        assertThat(bucket.tryAcquire()).isZero();
    }

    @Test
    void shouldKeepTheLongerOfTwoPauses() {
        TokenBucket bucket = new TokenBucket(100, now::get);

        bucket.pause(Duration.ofSeconds(5));
        bucket.pause(Duration.ofSeconds(1));

        assertThat(bucket.tryAcquire()).isEqualTo(Duration.ofSeconds(5));
    }
}
