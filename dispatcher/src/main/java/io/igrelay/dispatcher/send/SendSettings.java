package io.igrelay.dispatcher.send;

import io.igrelay.schemas.config.EnvReader;
import java.time.Duration;
import java.util.Set;

/*
 * The Send API consumer's tuning (contract §6.3): how many conversations are in flight, how often offsets commit, the
 * per-account rate limits, the bounded retry policy, the HTTP timeout, how long an account Meta restricted stays
 * paused, from which usage percentage (Meta's usage headers) sends slow down, and how many commands the consumer
 * holds in memory at most (a backlog stays on the broker, not on the heap), and from how many records in flight the
 * consumer's control thread looks for new work only every few milliseconds (SendConsumer). Read once at start-up with the rest of
 * DispatcherConfig, so a malformed value stops the service with one message.
 */
public record SendSettings(
        String groupId,
        int maxConcurrency,
        Duration commitInterval,
        int textPerSecond,
        int mediaPerSecond,
        int maxAttempts,
        Duration retryInitial,
        Duration retryMax,
        Duration rateLimitPause,
        Duration httpTimeout,
        Duration restrictionPause,
        int usageSlowdownAt,
        int bufferedRecords,
        int throttleFromInFlight) {

    public static final Set<String> VARIABLES = Set.of(
            "DISPATCHER_GROUP_ID", "DISPATCHER_MAX_CONCURRENCY", "DISPATCHER_COMMIT_INTERVAL",
            "DISPATCHER_TEXT_RATE_PER_SECOND", "DISPATCHER_MEDIA_RATE_PER_SECOND", "DISPATCHER_MAX_ATTEMPTS",
            "DISPATCHER_RETRY_INITIAL", "DISPATCHER_RETRY_MAX", "DISPATCHER_RATE_LIMIT_PAUSE",
            "DISPATCHER_HTTP_TIMEOUT", "DISPATCHER_RESTRICTION_PAUSE", "DISPATCHER_USAGE_SLOWDOWN_AT",
            "DISPATCHER_BUFFERED_RECORDS", "DISPATCHER_THROTTLE_FROM_IN_FLIGHT");

    public static SendSettings read(EnvReader env) {
        return new SendSettings(
                env.string("DISPATCHER_GROUP_ID", "igrelay-dispatcher-send"),
                env.integer("DISPATCHER_MAX_CONCURRENCY", 1000, 1, 20_000),
                env.duration("DISPATCHER_COMMIT_INTERVAL", Duration.ofSeconds(1)),
                env.integer("DISPATCHER_TEXT_RATE_PER_SECOND", 100, 1, 1_000_000),
                env.integer("DISPATCHER_MEDIA_RATE_PER_SECOND", 10, 1, 1_000_000),
                env.integer("DISPATCHER_MAX_ATTEMPTS", 6, 1, 100),
                env.duration("DISPATCHER_RETRY_INITIAL", Duration.ofMillis(500)),
                env.duration("DISPATCHER_RETRY_MAX", Duration.ofSeconds(30)),
                env.duration("DISPATCHER_RATE_LIMIT_PAUSE", Duration.ofSeconds(10)),
                env.duration("DISPATCHER_HTTP_TIMEOUT", Duration.ofSeconds(10)),
                env.duration("DISPATCHER_RESTRICTION_PAUSE", Duration.ofMinutes(30)),
                env.integer("DISPATCHER_USAGE_SLOWDOWN_AT", 80, 1, 100),
                env.integer("DISPATCHER_BUFFERED_RECORDS", 10_000, 1, 1_000_000),
                env.integer("DISPATCHER_THROTTLE_FROM_IN_FLIGHT", 100, 1, 1_000_000));
    }
}
