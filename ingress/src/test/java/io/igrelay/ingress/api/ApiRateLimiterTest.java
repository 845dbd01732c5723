package io.igrelay.ingress.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Token buckets per key: a second's burst, refill over time, Retry-After in whole seconds. */
class ApiRateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final ApiRateLimiter limiter = new ApiRateLimiter(nanos::get);

    @Test
    void shouldAllowOneSecondsWorthThenRefuse() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("k", 5).allowed()).isTrue();
        }
        ApiRateLimiter.Decision refused = limiter.tryAcquire("k", 5);

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void shouldRefillOverTime() {
        for (int i = 0; i < 5; i++) {
            limiter.tryAcquire("k", 5);
        }
        nanos.addAndGet(200_000_000L);

        assertThat(limiter.tryAcquire("k", 5).allowed()).isTrue();
        assertThat(limiter.tryAcquire("k", 5).allowed()).isFalse();
    }

    @Test
    void shouldKeepKeysApart() {
        limiter.tryAcquire("a", 1);

        assertThat(limiter.tryAcquire("a", 1).allowed()).isFalse();
        assertThat(limiter.tryAcquire("b", 1).allowed()).isTrue();
    }

    @Test
    void shouldAskSlowKeysToWaitLonger() {
        nanos.set(0);
        ApiRateLimiter slow = new ApiRateLimiter(nanos::get);
        slow.tryAcquire("k", 1);

        assertThat(slow.tryAcquire("k", 1).retryAfterSeconds()).isEqualTo(1);
    }
}
