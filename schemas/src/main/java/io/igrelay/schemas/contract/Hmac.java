package io.igrelay.schemas.contract;

import io.igrelay.schemas.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256, the one primitive behind Meta's webhook signature and signed_request, Graph's appsecret_proof and the
 * hub's own webhook signature, with the constant-time comparison every verifier must use (so no timing leaks how much
 * of a forged MAC was right). The sandbox keeps its own copy on purpose: it plays Meta, and sharing this class would
 * let a bug agree with itself.
 */
public final class Hmac {

    private static final String ALGORITHM = "HmacSHA256";

    /** One Mac per thread: looking the algorithm up in the providers on every request costs more than the MAC. */
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance(ALGORITHM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    });

    private Hmac() {
    }

    public static byte[] sha256(byte[] key, byte[] data) {
        try {
            Mac mac = MAC.get();
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 key rejected", e);
        }
    }

    public static byte[] sha256(Secret key, byte[] data) {
        return sha256(key.bytes(), data);
    }

    /** Lowercase hex of HMAC-SHA256(key, UTF-8 text). */
    public static String hex(byte[] key, String text) {
        return HexFormat.of().formatHex(sha256(key, text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Constant-time check of a presented MAC. */
    public static boolean matches(Secret key, byte[] data, byte[] presented) {
        return presented != null && MessageDigest.isEqual(sha256(key, data), presented);
    }
}
