package io.igrelay.ingress.onboarding;

import io.igrelay.avro.Flavour;
import java.time.Instant;
import java.util.Optional;

/**
 * What a finished OAuth flow learned about the Instagram account, before it becomes a channel: {@code igUserId} is
 * the webhook {@code entry.id}; {@code appScopedUserId} (with {@code appId}) is what Meta's deletion and deauthorize
 * callbacks name. {@code accessToken} is plaintext in memory only; {@code toString()} hides it.
 */
public record ConnectedAccount(
        Flavour flavour,
        String igUserId,
        String username,
        String appScopedUserId,
        String appId,
        Optional<String> pageId,
        String accessToken,
        Instant tokenIssuedAt,
        Optional<Instant> tokenExpiresAt) {

    @Override
    public String toString() {
        return "ConnectedAccount[" + flavour + ", igUserId=" + igUserId + ", @" + username + ", token=<redacted>]";
    }
}
