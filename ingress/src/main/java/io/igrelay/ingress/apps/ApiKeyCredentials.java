package io.igrelay.ingress.apps;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An API key as presented by a client, {@code igr_<keyId>_<secret>} (contract §5.2): the key id finds the Application,
 * only the SHA-256 of the secret is ever stored, and comparison is constant-time. {@code toString()} never shows
 * the secret.
 */
public record ApiKeyCredentials(String keyId, String secret) {

    private static final String PREFIX = "igr_";
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9]{4,64}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{16,256}");

    /** Parses a presented key; empty when it does not have the igr_ shape. */
    public static Optional<ApiKeyCredentials> parse(String presented) {
        if (presented == null || !presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = presented.substring(PREFIX.length());
        int separator = rest.indexOf('_');
        if (separator < 0) {
            return Optional.empty();
        }
        String keyId = rest.substring(0, separator);
        String secret = rest.substring(separator + 1);
        if (!KEY_ID.matcher(keyId).matches() || !SECRET.matcher(secret).matches()) {
            return Optional.empty();
        }
        return Optional.of(new ApiKeyCredentials(keyId, secret));
    }

    /** A fresh key: 16 hex characters of key id, 256 random bits of secret (base64url). */
    public static ApiKeyCredentials generate(SecureRandom random) {
        byte[] id = new byte[8];
        byte[] secret = new byte[32];
        random.nextBytes(id);
        random.nextBytes(secret);
        return new ApiKeyCredentials(HexFormat.of().formatHex(id),
                Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    public static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public byte[] secretSha256() {
        return sha256(secret);
    }

    /** Constant-time comparison of this secret's hash with a stored one. */
    public boolean matches(byte[] storedSha256) {
        return storedSha256 != null && MessageDigest.isEqual(secretSha256(), storedSha256);
    }

    /** The key as the client sends it; hand it out once, never log it. */
    public String presentable() {
        return PREFIX + keyId + "_" + secret;
    }

    @Override
    public String toString() {
        return "ApiKeyCredentials[keyId=" + keyId + ", secret=<redacted>]";
    }
}
