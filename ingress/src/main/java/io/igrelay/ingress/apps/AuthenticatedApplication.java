package io.igrelay.ingress.apps;

import java.util.Optional;

/**
 * Who is calling, once the API key checked out: the handlers scope every lookup by {@code applicationId} (an
 * Application sees only its own channels and messages) and the rate limiter buckets by {@code keyId}.
 */
public record AuthenticatedApplication(
        String applicationId,
        String name,
        String keyId,
        boolean humanAgentAllowed,
        Optional<Integer> rateLimitPerSecond) {
}
