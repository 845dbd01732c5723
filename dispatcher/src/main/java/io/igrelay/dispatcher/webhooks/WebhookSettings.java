package io.igrelay.dispatcher.webhooks;

import io.igrelay.dispatcher.webhooks.delivery.DeliveryEngine;
import io.igrelay.schemas.config.EnvReader;
import io.igrelay.schemas.net.HubEndpoints;
import io.igrelay.schemas.store.WebhookStoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/*
 * Tuning of the Application-webhook delivery: consumer groups, the per-endpoint in-flight cap, the 10 s answer limit,
 * the retry curve (exponential with jitter, up to 72 h), the 30-day queue and log retention, the folder of the
 * local store that indexes the attempt log and job states, the hub's own ports no endpoint may name, and the
 * in-memory capacities (Capacities). Read with the rest of DispatcherConfig so a malformed value stops the service
 * with one message.
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
        boolean devMode,
        Path storeDir,
        HubEndpoints hub,
        Capacities capacities) {

    /**
     * How much the module keeps in memory: the status gate's entries (the newest status per message it let through),
     * how many queue records the gate is restored from at start-up, how many recent deliveries the duplicate check
     * remembers before it asks the attempt log, and how many contact profiles (includeContact webhooks) are cached.
     */
    public record Capacities(int statusGateEntries, long gateRestoreRecords, int recentDeliveries,
            int contactProfiles) {

        public static Capacities defaults() {
            return new Capacities(1_000_000, 1_000_000, 100_000, 100_000);
        }

        /** Each from its variable, the defaults where unset; a value out of range is a start-up problem. */
        public static Capacities read(EnvReader env) {
            Capacities defaults = defaults();
            return new Capacities(
                    env.integer("WEBHOOK_STATUS_GATE_ENTRIES", defaults.statusGateEntries(), 1, 100_000_000),
                    env.integer("WEBHOOK_GATE_RESTORE_RECORDS", (int) defaults.gateRestoreRecords(), 1,
                            Integer.MAX_VALUE),
                    env.integer("WEBHOOK_RECENT_DELIVERIES", defaults.recentDeliveries(), 1, 100_000_000),
                    env.integer("WEBHOOK_CONTACT_PROFILES", defaults.contactProfiles(), 1, 100_000_000));
        }
    }

    /** With the default capacities. */
    public WebhookSettings(String routerGroupId, String deliveryGroupId, int maxInFlightPerEndpoint,
            int maxQueuedPerEndpoint, int maxUnfinished, Duration httpTimeout, Duration retryInitial,
            Duration retryMax, Duration retryHorizon, Duration queueRetention, int maxBodyBytes, boolean devMode,
            Path storeDir, HubEndpoints hub) {
        this(routerGroupId, deliveryGroupId, maxInFlightPerEndpoint, maxQueuedPerEndpoint, maxUnfinished,
                httpTimeout, retryInitial, retryMax, retryHorizon, queueRetention, maxBodyBytes, devMode, storeDir,
                hub, Capacities.defaults());
    }

    /** With the hub's default ports reserved (no endpoint may name them). */
    public WebhookSettings(String routerGroupId, String deliveryGroupId, int maxInFlightPerEndpoint,
            int maxQueuedPerEndpoint, int maxUnfinished, Duration httpTimeout, Duration retryInitial,
            Duration retryMax, Duration retryHorizon, Duration queueRetention, int maxBodyBytes, boolean devMode,
            Path storeDir) {
        this(routerGroupId, deliveryGroupId, maxInFlightPerEndpoint, maxQueuedPerEndpoint, maxUnfinished,
                httpTimeout, retryInitial, retryMax, retryHorizon, queueRetention, maxBodyBytes, devMode, storeDir,
                HubEndpoints.defaults());
    }

    public static final Set<String> VARIABLES = Set.of(
            "WEBHOOK_ROUTER_GROUP_ID", "WEBHOOK_DELIVERY_GROUP_ID", "WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT",
            "WEBHOOK_MAX_QUEUED_PER_ENDPOINT", "WEBHOOK_MAX_UNFINISHED",
            "WEBHOOK_HTTP_TIMEOUT", "WEBHOOK_RETRY_INITIAL", "WEBHOOK_RETRY_MAX", "WEBHOOK_RETRY_HORIZON",
            "WEBHOOK_QUEUE_RETENTION", "WEBHOOK_STORE_DIR", "WEBHOOK_STATUS_GATE_ENTRIES",
            "WEBHOOK_GATE_RESTORE_RECORDS", "WEBHOOK_RECENT_DELIVERIES", "WEBHOOK_CONTACT_PROFILES");

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
                env.bool("DEV_MODE", false),
                WebhookStoreSettings.read(env).folder("dispatcher"),
                HubEndpoints.read(env),
                Capacities.read(env));
    }

    /** Fast settings for tests: short retries, dev mode (http://localhost endpoints allowed), a fresh store. */
    public static WebhookSettings forTests() {
        try {
            return new WebhookSettings("wh-router-test", "wh-delivery-test", 4, 50, 10_000, Duration.ofSeconds(2),
                    Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofHours(72), Duration.ofDays(30),
                    256 * 1024, true, Files.createTempDirectory("igrelay-webhook-store"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same settings with the store in {@code dir} (tests that restart a dispatcher on its store). */
    public WebhookSettings withStoreDir(Path dir) {
        return new WebhookSettings(routerGroupId, deliveryGroupId, maxInFlightPerEndpoint, maxQueuedPerEndpoint,
                maxUnfinished, httpTimeout, retryInitial, retryMax, retryHorizon, queueRetention, maxBodyBytes,
                devMode, dir, hub, capacities);
    }

    /** The delivery engine's share: requests open and events queued per webhook, and the body cap. */
    public DeliveryEngine.Limits engineLimits() {
        return new DeliveryEngine.Limits(maxInFlightPerEndpoint, maxQueuedPerEndpoint, maxBodyBytes);
    }
}
