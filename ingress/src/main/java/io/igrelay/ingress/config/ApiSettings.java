package io.igrelay.ingress.config;

import io.igrelay.ingress.apps.ApiKeyCredentials;
import io.igrelay.schemas.config.EnvReader;
import java.time.Duration;
import java.util.Set;

/**
 * The hub API's own settings (contract §5.2): the default per-key rate limit, how long Idempotency-Key answers are kept,
 * and how long the fast window check may wait for the processor before the request is enqueued anyway. Read with the
 * ingress's {@link EnvReader}, so problems join the one start-up error; DEV_API_KEY's shape is checked here.
 */
public record ApiSettings(int rateLimitPerSecond, Duration idempotencyTtl, Duration processorTimeout,
                          int maxBodyBytes) {

    public static final Set<String> VARIABLES =
            Set.of("API_RATE_LIMIT_PER_SECOND", "API_IDEMPOTENCY_TTL", "API_PROCESSOR_TIMEOUT");

    public static ApiSettings defaults() {
        return new ApiSettings(20, Duration.ofHours(24), Duration.ofMillis(1500), 64 * 1024);
    }

    public static ApiSettings read(EnvReader env) {
        ApiSettings d = defaults();
        int rate = env.integer("API_RATE_LIMIT_PER_SECOND", d.rateLimitPerSecond(), 1, 1_000_000);
        Duration ttl = env.duration("API_IDEMPOTENCY_TTL", d.idempotencyTtl());
        Duration timeout = env.duration("API_PROCESSOR_TIMEOUT", d.processorTimeout());
        env.optional("DEV_API_KEY").ifPresent(key -> {
            if (ApiKeyCredentials.parse(key).isEmpty()) {
                env.problem("DEV_API_KEY must look like igr_<keyId>_<secret> (keyId 4-64 letters/digits, "
                        + "secret 16-256 of [A-Za-z0-9_-])");
            }
        });
        return new ApiSettings(rate, ttl, timeout, d.maxBodyBytes());
    }
}
