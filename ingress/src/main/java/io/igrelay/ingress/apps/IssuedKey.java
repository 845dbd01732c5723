package io.igrelay.ingress.apps;

import java.time.Instant;
import java.util.Optional;

/**
 * The answer of creating an Application or rotating its key: the only moment the full API key exists outside the
 * client. {@code toString()} redacts it so it cannot slip into a log line.
 */
public record IssuedKey(String applicationId, String name, ApiKeyCredentials credentials,
                        Optional<Instant> previousKeysExpireAt) {

    public String apiKey() {
        return credentials.presentable();
    }

    @Override
    public String toString() {
        return "IssuedKey[applicationId=" + applicationId + ", keyId=" + credentials.keyId() + ", apiKey=<redacted>]";
    }
}
