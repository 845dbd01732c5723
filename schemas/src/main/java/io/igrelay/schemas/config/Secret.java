package io.igrelay.schemas.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A secret configuration value (app secret, verify token, key material). Wrapping it keeps it out of logs and
 * error messages: {@code toString()} never shows the value, and comparisons are constant-time.
 */
public record Secret(String value) {

    public Secret {
        if (value == null) {
            throw new IllegalArgumentException("secret value is null");
        }
    }

    public byte[] bytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** Constant-time comparison with a presented value. */
    public boolean matches(String presented) {
        return presented != null
                && MessageDigest.isEqual(bytes(), presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "<redacted>";
    }
}
