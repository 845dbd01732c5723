package io.igrelay.schemas.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/* Retries back off exponentially with jitter between half and all of the step, capped, and stop after maxAttempts. */
class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), 5);

    @Test
    void shouldDoubleTheCeilingEachRetryWithJitterInTheUpperHalf() {
        Random random = new Random(42);
        for (int retry = 1; retry <= 5; retry++) {
            long ceiling = Math.min(100L << (retry - 1), 2000);
            for (int i = 0; i < 200; i++) {
                assertThat(backoff.delay(retry, random).toMillis()).isBetween(ceiling / 2, ceiling);
            }
        }
    }

    @Test
    void shouldNeverExceedTheMaximum() {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            assertThat(backoff.delay(60, random)).isLessThanOrEqualTo(Duration.ofSeconds(2));
        }
    }

    @Test
    void shouldSpreadDelaysOfManyConversations() {
        Random random = new Random(1);
        long distinct = java.util.stream.IntStream.range(0, 100)
                .mapToLong(i -> backoff.delay(3, random).toMillis()).distinct().count();
        assertThat(distinct).isGreaterThan(50);
    }

    @Test
    void shouldAllowExactlyMaxAttemptsCalls() {
        assertThat(backoff.allowsAnotherAttempt(4)).isTrue();
        assertThat(backoff.allowsAnotherAttempt(5)).isFalse();
    }

    @Test
    void shouldGiveTheCeilingWithoutJitterAndTheDrawnFractionWithIt() {
        Backoff slow = new Backoff(Duration.ofSeconds(5), Duration.ofHours(1), Integer.MAX_VALUE);
        assertThat(slow.ceiling(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(slow.ceiling(5)).isEqualTo(Duration.ofSeconds(80));
        assertThat(slow.ceiling(60)).isEqualTo(Duration.ofHours(1));
        assertThat(slow.delay(3, 0.0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(slow.delay(3, 1.0)).isEqualTo(Duration.ofSeconds(20));
    }
}
