package io.igrelay.dispatcher.limit;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/*
 * Slows sends down before Meta's rate-limit error, from the usage headers Meta puts on its answers
 * (https://developers.facebook.com/docs/graph-api/overview/rate-limiting: "once a rate limit is reached, any
 * subsequent requests ... will fail"). Below {@code slowdownAt} percent nothing happens; from there up to 100 the
 * account (X-Business-Use-Case-Usage) or the whole app (X-App-Usage) pauses for a share of {@code pause} that grows
 * with the usage; at 100, or when Meta names a time to regain access, it pauses for that time (at least
 * {@code pause}). Each pause reports itself to {@code paused}, for the metric.
 */
public final class UsageGovernor {

    /** Where a usage was reported: one account's business use case, or the whole app. */
    public enum Scope { ACCOUNT, APP }

    private final AccountRateLimiter limiter;
    private final int slowdownAt;
    private final Duration pause;
    private final Consumer<Scope> paused;

    public UsageGovernor(AccountRateLimiter limiter, int slowdownAt, Duration pause, Consumer<Scope> paused) {
        if (slowdownAt < 1 || slowdownAt > 100) {
            throw new IllegalArgumentException("slowdownAt must be 1..100, was " + slowdownAt);
        }
        this.limiter = limiter;
        this.slowdownAt = slowdownAt;
        this.pause = pause;
        this.paused = paused;
    }

    /** Applies the headers of one answer to a call made for {@code account}. */
    public void observe(String account, String appUsageHeader, String businessUsageHeader) {
        MetaUsage.businessUseCaseUsage(businessUsageHeader).flatMap(this::pauseFor).ifPresent(d -> {
            if (account != null && !account.isEmpty()) {
                limiter.pause(account, d);
                paused.accept(Scope.ACCOUNT);
            }
        });
        MetaUsage.appUsage(appUsageHeader).flatMap(this::pauseFor).ifPresent(d -> {
            limiter.pauseApp(d);
            paused.accept(Scope.APP);
        });
    }

    /** How long a usage asks to wait; empty below the slowdown threshold. */
    Optional<Duration> pauseFor(MetaUsage usage) {
        if (usage.percent() >= 100 || !usage.regainAccessIn().isZero()) {
            return Optional.of(usage.regainAccessIn().compareTo(pause) > 0 ? usage.regainAccessIn() : pause);
        }
        if (usage.percent() < slowdownAt) {
            return Optional.empty();
        }
        long share = pause.toMillis() * (usage.percent() - slowdownAt + 1) / (100 - slowdownAt + 1);
        return Optional.of(Duration.ofMillis(Math.max(1, share)));
    }
}
