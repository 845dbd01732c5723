package io.igrelay.dispatcher.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");
    private final RetryPolicy maxJitter = new RetryPolicy(Duration.ofSeconds(5), Duration.ofHours(1),
            Duration.ofHours(72), () -> 1.0);
    private final RetryPolicy minJitter = new RetryPolicy(Duration.ofSeconds(5), Duration.ofHours(1),
            Duration.ofHours(72), () -> 0.0);

    @Test
    void shouldBackOffExponentiallyUpToTheCap() {
        assertThat(maxJitter.backoff(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(maxJitter.backoff(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(maxJitter.backoff(5)).isEqualTo(Duration.ofSeconds(80));
        assertThat(maxJitter.backoff(30)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldJitterBetweenHalfAndFullDelay() {
        assertThat(minJitter.backoff(3)).isEqualTo(Duration.ofSeconds(10));
        assertThat(maxJitter.backoff(3)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void shouldHonourALongerRetryAfter() {
        var decision = maxJitter.afterFailure(1, T0, T0, 429, Optional.of(Duration.ofMinutes(2)));
        assertThat(decision.retryAt()).contains(T0.plus(Duration.ofMinutes(2)));
    }

    @Test
    void shouldDisableAtOnceOnGone() {
        var decision = maxJitter.afterFailure(1, T0, T0, 410, Optional.empty());
        assertThat(decision.disableReason()).hasValueSatisfying(r -> assertThat(r).contains("410"));
        assertThat(decision.retryAt()).isEmpty();
    }

    @Test
    void shouldKeepRetryingJustBeforeSeventyTwoHours() {
        Instant now = T0.plus(Duration.ofHours(71).plusMinutes(59));
        var decision = maxJitter.afterFailure(80, T0, now, 500, Optional.empty());
        assertThat(decision.retryAt()).contains(T0.plus(Duration.ofHours(72)));
    }

    @Test
    void shouldDisableAfterSeventyTwoHoursWithoutSuccess() {
        var decision = maxJitter.afterFailure(81, T0, T0.plus(Duration.ofHours(72)), 500, Optional.empty());
        assertThat(decision.disableReason()).hasValueSatisfying(r -> assertThat(r).contains("72 h"));
    }

    @Test
    void shouldReadRetryAfterSecondsAndDates() {
        assertThat(AttemptResult.parseRetryAfter("120", T0)).contains(Duration.ofSeconds(120));
        assertThat(AttemptResult.parseRetryAfter("Mon, 23 Nov 2026 00:01:00 GMT", T0))
                .contains(Duration.ofMinutes(1));
        assertThat(AttemptResult.parseRetryAfter("soon", T0)).isEmpty();
    }
}
