package io.igrelay.dispatcher.webhooks.delivery;

import io.igrelay.schemas.failure.Backoff;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/*
 * The one place that decides what follows a failed webhook attempt: the hub's exponential backoff with
 * jitter, never sooner than the endpoint's Retry-After, for up to the retry horizon (72 h) after the first failure
 * of the current event; then, or at once on `410 Gone`, the webhook is disabled. Pure: time comes in as arguments.
 */
public final class RetryPolicy {

    /** Either retry at a time, or disable the webhook with a reason. */
    public record Decision(Optional<Instant> retryAt, Optional<String> disableReason) {

        static Decision retry(Instant at) {
            return new Decision(Optional.of(at), Optional.empty());
        }

        static Decision disable(String reason) {
            return new Decision(Optional.empty(), Optional.of(reason));
        }
    }

    private final Duration initial;
    private final Duration max;
    private final Duration horizon;
    private final DoubleSupplier random;

    public RetryPolicy(Duration initial, Duration max, Duration horizon, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.horizon = horizon;
        this.random = random;
    }

    /**
     * @param attempt the attempt that just failed, 1-based
     * @param firstFailureAt when the first attempt of this event failed
     */
    public Decision afterFailure(int attempt, Instant firstFailureAt, Instant now, int statusCode,
            Optional<Duration> retryAfter) {
        if (statusCode == 410) {
            return Decision.disable("endpoint answered 410 Gone");
        }
        Instant giveUpAt = firstFailureAt.plus(horizon);
        if (!now.isBefore(giveUpAt)) {
            return Decision.disable("no successful delivery for " + horizon.toHours() + " h");
        }
        Duration delay = backoff(attempt);
        if (retryAfter.isPresent() && retryAfter.get().compareTo(delay) > 0) {
            delay = retryAfter.get();
        }
        Instant next = now.plus(delay);
        return Decision.retry(next.isAfter(giveUpAt) ? giveUpAt : next);
    }

    /** How long an event is retried before its webhook is disabled. */
    public Duration horizon() {
        return horizon;
    }

    /** The hub's one backoff (exponential, "equal jitter": half fixed, half random) for the given attempt. */
    Duration backoff(int attempt) {
        return new Backoff(initial, max, Integer.MAX_VALUE).delay(attempt, random.getAsDouble());
    }
}
