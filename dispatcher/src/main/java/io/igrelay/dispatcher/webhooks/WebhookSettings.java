package io.igrelay.dispatcher.webhooks;

import io.igrelay.schemas.config.EnvReader;
import java.time.Duration;
import java.util.Set;

/*
 * Tuning of the Application-webhook delivery (issue 8, SPEC 6.5): consumer groups, the per-endpoint in-flight cap,
 * the 10 s answer limit, the retry curve (exponential with jitter, up to 72 h) and the 30-day queue retention.
 * Read with the rest of DispatcherConfig so a malformed value stops the service with one message.
 */
public record WebhookSettings(
        String routerGroupId,
        String deliveryGroupId,
        int maxInFlightPerEndpoint,
        int maxQueuedPerEndpoint,
        int maxUnfinished,
        Duration httpTimeout,
        Duration retryInitial,
        Duration retryMax,
        Duration retryHorizon,
        Duration queueRetention,
        int maxBodyBytes,
        boolean devMode) {

    public static final Set<String> VARIABLES = Set.of(
            "WEBHOOK_ROUTER_GROUP_ID", "WEBHOOK_DELIVERY_GROUP_ID", "WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT",
            "WEBHOOK_MAX_QUEUED_PER_ENDPOINT", "WEBHOOK_MAX_UNFINISHED",
            "WEBHOOK_HTTP_TIMEOUT", "WEBHOOK_RETRY_INITIAL", "WEBHOOK_RETRY_MAX", "WEBHOOK_RETRY_HORIZON",
            "WEBHOOK_QUEUE_RETENTION");

    public static WebhookSettings read(EnvReader env) {
        return new WebhookSettings(
                env.string("WEBHOOK_ROUTER_GROUP_ID", "igrelay-dispatcher-webhook-router"),
                env.string("WEBHOOK_DELIVERY_GROUP_ID", "igrelay-dispatcher-webhook-delivery"),
                env.integer("WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT", 8, 1, 1000),
                env.integer("WEBHOOK_MAX_QUEUED_PER_ENDPOINT", 500, 1, 1_000_000),
                env.integer("WEBHOOK_MAX_UNFINISHED", 50_000, 100, 10_000_000),
                env.duration("WEBHOOK_HTTP_TIMEOUT", Duration.ofSeconds(10)),
                env.duration("WEBHOOK_RETRY_INITIAL", Duration.ofSeconds(5)),
                env.duration("WEBHOOK_RETRY_MAX", Duration.ofHours(1)),
                env.duration("WEBHOOK_RETRY_HORIZON", Duration.ofHours(72)),
                env.duration("WEBHOOK_QUEUE_RETENTION", Duration.ofDays(30)),
                256 * 1024,
                env.bool("DEV_MODE", false));
    }

    /** Fast settings for tests: short retries, dev mode (http://localhost endpoints allowed). */
    public static WebhookSettings forTests() {
        return new WebhookSettings("wh-router-test", "wh-delivery-test", 4, 50, 10_000, Duration.ofSeconds(2),
                Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofHours(72), Duration.ofDays(30),
                256 * 1024, true);
    }
}
