package io.igrelay.ingress.metagraph;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A token Meta handed out and how long it lives ({@code expires_in} seconds; absent or 0 = does not expire, as
 * with Page tokens from a long-lived user token). {@code toString()} hides the token.
 */
public record TokenGrant(String token, Optional<Duration> lifetime) {

    static TokenGrant from(JsonObject body) {
        String token = body.getString("access_token");
        if (token == null) {
            throw new MetaCallException(200, 0, "no access token in Meta's answer");
        }
        Object expiresIn = body.getValue("expires_in");
        long seconds = expiresIn instanceof Number n ? n.longValue()
                : expiresIn instanceof String s && s.matches("\\d+") ? Long.parseLong(s) : 0;
        return new TokenGrant(token, seconds > 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty());
    }

    public Optional<Instant> expiresAt(Instant issuedAt) {
        return lifetime.map(issuedAt::plus);
    }

    @Override
    public String toString() {
        return "TokenGrant[<redacted>, lifetime=" + lifetime + "]";
    }
}
