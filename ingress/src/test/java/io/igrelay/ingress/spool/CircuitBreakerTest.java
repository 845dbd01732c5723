package io.igrelay.ingress.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final MutableClock clock = new MutableClock();
    private final CircuitBreaker breaker = new CircuitBreaker(Duration.ofMillis(500), Duration.ofSeconds(4), clock);

    @Test
    void shouldStartClosedAndLetEveryAttemptThrough() {
        assertThat(breaker.isClosed()).isTrue();
        assertThat(breaker.tryAttempt()).isTrue();
        assertThat(breaker.tryAttempt()).isTrue();
    }

    @Test
    void shouldOpenOnFailureAndRefuseAttemptsUntilTheBackoffPassed() {
        breaker.recordFailure();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryAttempt()).isFalse();
        clock.advance(Duration.ofMillis(499));
        assertThat(breaker.tryAttempt()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(breaker.tryAttempt()).isTrue();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    }

    @Test
    void shouldLetOnlyOneProbeThroughWhileHalfOpen() {
        breaker.recordFailure();
        clock.advance(Duration.ofSeconds(1));
        assertThat(breaker.tryAttempt()).isTrue();
        assertThat(breaker.tryAttempt()).isFalse();
    }

    @Test
    void shouldCloseWhenTheProbeSucceeds() {
        breaker.recordFailure();
        clock.advance(Duration.ofSeconds(1));
        breaker.tryAttempt();
        breaker.recordSuccess();
        assertThat(breaker.isClosed()).isTrue();
        assertThat(breaker.tryAttempt()).isTrue();
    }

    @Test
    void shouldDoubleTheBackoffAfterEachFailedProbeUpToItsBound() {
        breaker.recordFailure();
        Duration[] expected = {Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(4)};
        for (Duration wait : expected) {
            clock.advance(Duration.ofSeconds(10));
            assertThat(breaker.tryAttempt()).isTrue();
            breaker.recordFailure();
            assertThat(Duration.between(clock.instant(), breaker.retryAt())).isEqualTo(wait);
        }
    }

    @Test
    void shouldStartOverWithTheShortBackoffAfterRecovering() {
        breaker.recordFailure();
        clock.advance(Duration.ofSeconds(1));
        breaker.tryAttempt();
        breaker.recordFailure();
        clock.advance(Duration.ofSeconds(2));
        breaker.tryAttempt();
        breaker.recordSuccess();
        breaker.recordFailure();
        assertThat(Duration.between(clock.instant(), breaker.retryAt())).isEqualTo(Duration.ofMillis(500));
        assertThat(breaker.timesOpened()).isEqualTo(2);
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
