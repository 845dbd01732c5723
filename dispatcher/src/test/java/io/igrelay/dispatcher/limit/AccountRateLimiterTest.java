package io.igrelay.dispatcher.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.MediaKind;
import io.igrelay.dispatcher.Commands;
import io.igrelay.dispatcher.limit.AccountRateLimiter.RateClass;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/* Limits are per account and per rate class; Meta's rate-limit answer pauses the whole account. */
class AccountRateLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final AccountRateLimiter limiter = new AccountRateLimiter(100, 2, now::get);

    @Test
    void shouldDrawAudioAndVideoFromTheSlowerBucket() {
        assertThat(AccountRateLimiter.rateClassOf(Commands.of(Commands.media(MediaKind.AUDIO, "u", null)).build()))
                .isEqualTo(RateClass.AUDIO_VIDEO);
        assertThat(AccountRateLimiter.rateClassOf(Commands.of(Commands.media(MediaKind.VIDEO, "u", null)).build()))
                .isEqualTo(RateClass.AUDIO_VIDEO);
        assertThat(AccountRateLimiter.rateClassOf(Commands.of(Commands.media(MediaKind.IMAGE, "u", null)).build()))
                .isEqualTo(RateClass.TEXT);
        assertThat(AccountRateLimiter.rateClassOf(Commands.text("hi"))).isEqualTo(RateClass.TEXT);
    }

    @Test
    void shouldLimitEachAccountSeparately() {
        limiter.tryAcquire("a", RateClass.AUDIO_VIDEO);
        limiter.tryAcquire("a", RateClass.AUDIO_VIDEO);

        assertThat(limiter.tryAcquire("a", RateClass.AUDIO_VIDEO)).isPositive();
        assertThat(limiter.tryAcquire("b", RateClass.AUDIO_VIDEO)).isZero();
        assertThat(limiter.tryAcquire("a", RateClass.TEXT)).isZero();
    }

    @Test
    void shouldPauseBothBucketsOfTheAccountOnly() {
        limiter.pause("a", Duration.ofSeconds(3));

        assertThat(limiter.tryAcquire("a", RateClass.TEXT)).isEqualTo(Duration.ofSeconds(3));
        assertThat(limiter.tryAcquire("a", RateClass.AUDIO_VIDEO)).isEqualTo(Duration.ofSeconds(3));
        assertThat(limiter.tryAcquire("b", RateClass.TEXT)).isZero();
    }
}
