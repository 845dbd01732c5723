package io.igrelay.ingress.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Sign-in attempts per source: a minute's allowance, per address, over a bounded set of addresses. */
class SignInThrottleTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldRefuseASourceOverItsAllowanceUntilTheMinuteIsOver() {
        SignInThrottle throttle = new SignInThrottle(3, 100);
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.tryAttempt("10.0.0.1", i * SECOND)).isTrue();
        }
        assertThat(throttle.tryAttempt("10.0.0.1", 10 * SECOND)).isFalse();
        assertThat(throttle.tryAttempt("10.0.0.2", 10 * SECOND)).as("another source has its own").isTrue();
        assertThat(throttle.tryAttempt("10.0.0.1", 61 * SECOND)).isTrue();
    }

    @Test
    void shouldForgetTheLeastRecentSourcePastTheBound() {
        SignInThrottle throttle = new SignInThrottle(1, 2);
        throttle.tryAttempt("a", 0);
        throttle.tryAttempt("b", 0);
        throttle.tryAttempt("c", 0);

        assertThat(throttle.tryAttempt("b", SECOND)).as("b still tracked").isFalse();
        assertThat(throttle.tryAttempt("a", SECOND)).as("a was forgotten, starts afresh").isTrue();
    }
}
