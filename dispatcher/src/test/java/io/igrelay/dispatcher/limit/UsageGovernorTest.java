package io.igrelay.dispatcher.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/*
 * Meta's usage headers slow sends before a rate-limit error: nothing below the threshold, a growing pause above it,
 * Meta's own regain time at 100 %, app-wide for X-App-Usage and per account for X-Business-Use-Case-Usage.
 */
class UsageGovernorTest {

    private final AtomicLong now = new AtomicLong();
    private final AccountRateLimiter limiter = new AccountRateLimiter(100, 10, now::get);
    private final List<UsageGovernor.Scope> pauses = new ArrayList<>();
    private final UsageGovernor governor = new UsageGovernor(limiter, 80, Duration.ofSeconds(10), pauses::add);

    private static String buc(int callCount, int regainMinutes) {
        return "{\"17841463920184527\":[{\"type\":\"instagram\",\"call_count\":" + callCount
                + ",\"total_cputime\":5,\"total_time\":7,\"estimated_time_to_regain_access\":" + regainMinutes + "}]}";
    }

    @Test
    void shouldReadTheHighestPercentageOfTheAppHeader() {
        assertThat(MetaUsage.appUsage("{\"call_count\":28,\"total_time\":91,\"total_cputime\":25}"))
                .contains(new MetaUsage(91, Duration.ZERO));
    }

    @Test
    void shouldReadTheRegainTimeOfTheBusinessHeaderInMinutes() {
        assertThat(MetaUsage.businessUseCaseUsage(buc(100, 19))).contains(new MetaUsage(100, Duration.ofMinutes(19)));
    }

    @Test
    void shouldIgnoreGarbledOrMissingHeaders() {
        assertThat(MetaUsage.appUsage("not json")).isEmpty();
        assertThat(MetaUsage.businessUseCaseUsage(null)).isEmpty();
        assertThat(MetaUsage.businessUseCaseUsage("{\"1\":\"x\"}")).isEmpty();
    }

    @Test
    void shouldNotSlowDownBelowTheThreshold() {
        governor.observe("acc", "{\"call_count\":79}", buc(50, 0));

        assertThat(pauses).isEmpty();
        assertThat(limiter.tryAcquire("acc", AccountRateLimiter.RateClass.TEXT)).isZero();
    }

    @Test
    void shouldPauseTheAccountLongerAsItsUsageGrows() {
        assertThat(governor.pauseFor(new MetaUsage(80, Duration.ZERO))).contains(Duration.ofMillis(476));
        assertThat(governor.pauseFor(new MetaUsage(99, Duration.ZERO))).contains(Duration.ofMillis(9523));
    }

    @Test
    void shouldPauseOnlyThatAccountForItsBusinessUsage() {
        governor.observe("acc", null, buc(95, 0));

        assertThat(limiter.tryAcquire("acc", AccountRateLimiter.RateClass.TEXT)).isPositive();
        assertThat(limiter.tryAcquire("other", AccountRateLimiter.RateClass.TEXT)).isZero();
        assertThat(pauses).containsExactly(UsageGovernor.Scope.ACCOUNT);
    }

    @Test
    void shouldWaitMetasRegainTimeWhenTheLimitIsReached() {
        governor.observe("acc", null, buc(100, 19));

        assertThat(limiter.tryAcquire("acc", AccountRateLimiter.RateClass.TEXT)).isEqualTo(Duration.ofMinutes(19));
    }

    @Test
    void shouldPauseEveryAccountForTheAppUsage() {
        governor.observe("acc", "{\"call_count\":100,\"total_time\":10,\"total_cputime\":10}", null);

        assertThat(limiter.tryAcquire("other", AccountRateLimiter.RateClass.AUDIO_VIDEO))
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(pauses).containsExactly(UsageGovernor.Scope.APP);
        assertThat(governor.pauseFor(new MetaUsage(0, Duration.ZERO))).isEqualTo(Optional.empty());
    }
}
