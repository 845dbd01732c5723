package io.igrelay.ingress.config;

import io.igrelay.schemas.config.EnvReader;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Every bound the ingress puts on what strangers can make it hold: the management port's interface (loopback unless
 * told), connections, header sizes and counts, how long a
 * connection may idle and a request may take to arrive, dashboard sessions and sign-in attempts, and Idempotency-Key
 * answers. One section of the ingress configuration, so the README's table and this record list the same knobs.
 */
public record EdgeLimits(
        String managementHost,
        int maxConnections,
        int managementMaxConnections,
        Duration idleTimeout,
        Duration requestReadTimeout,
        int maxHeaderBytes,
        int maxHeaders,
        int maxSessions,
        Duration sessionMaxAge,
        int signInAttemptsPerMinute,
        int idempotencyMaxKeys) {

    public static final Set<String> VARIABLES = Set.of("INGRESS_MANAGEMENT_HOST", "INGRESS_MAX_CONNECTIONS", "INGRESS_MANAGEMENT_MAX_CONNECTIONS",
            "INGRESS_IDLE_TIMEOUT", "INGRESS_REQUEST_READ_TIMEOUT", "INGRESS_MAX_HEADER_BYTES", "INGRESS_MAX_HEADERS",
            "DASHBOARD_MAX_SESSIONS", "DASHBOARD_SESSION_MAX_AGE", "DASHBOARD_SIGNIN_PER_MINUTE",
            "API_IDEMPOTENCY_MAX_KEYS");

    public static EdgeLimits defaults() {
        return read(new EnvReader(Map.of()));
    }

    /** Reads the variables; problems are recorded in {@code env} (the caller throws once for all of them). */
    public static EdgeLimits read(EnvReader env) {
        Duration idle = env.duration("INGRESS_IDLE_TIMEOUT", Duration.ofSeconds(30));
        Duration read = env.duration("INGRESS_REQUEST_READ_TIMEOUT", Duration.ofSeconds(10));
        if (idle.toSeconds() < 1) {
            env.problem("INGRESS_IDLE_TIMEOUT must be at least 1s, was " + idle.toMillis() + "ms");
        }
        if (read.toSeconds() < 1) {
            env.problem("INGRESS_REQUEST_READ_TIMEOUT must be at least 1s, was " + read.toMillis() + "ms");
        }
        Duration maxAge = env.duration("DASHBOARD_SESSION_MAX_AGE", Duration.ofHours(12));
        if (maxAge.toMinutes() < 1) {
            env.problem("DASHBOARD_SESSION_MAX_AGE must be at least 1m");
        }
        return new EdgeLimits(
                env.string("INGRESS_MANAGEMENT_HOST", "127.0.0.1"),
                env.integer("INGRESS_MAX_CONNECTIONS", 2_000, 1, 1_000_000),
                env.integer("INGRESS_MANAGEMENT_MAX_CONNECTIONS", 64, 1, 10_000),
                idle, read,
                env.integer("INGRESS_MAX_HEADER_BYTES", 8 * 1024, 1024, 1024 * 1024),
                env.integer("INGRESS_MAX_HEADERS", 100, 8, 10_000),
                env.integer("DASHBOARD_MAX_SESSIONS", 10_000, 1, 10_000_000),
                maxAge,
                env.integer("DASHBOARD_SIGNIN_PER_MINUTE", 10, 1, 100_000),
                env.integer("API_IDEMPOTENCY_MAX_KEYS", 100_000, 1, 10_000_000));
    }
}
