package io.igrelay.ingress.meta;

import io.igrelay.schemas.config.Secret;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 as Meta uses it for webhook signatures and signed_request, with the constant-time comparison
 * ({@link MessageDigest#isEqual}) every caller must use, so no timing leaks how much of a forged MAC was right.
 */
public final class Hmac {

    private static final String ALGORITHM = "HmacSHA256";

    private Hmac() {
    }

    /** One Mac per thread: looking the algorithm up in the providers on every request costs more than the MAC. */
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance(ALGORITHM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    });

    public static byte[] sha256(Secret key, byte[] data) {
        try {
            Mac mac = MAC.get();
            mac.init(new SecretKeySpec(key.bytes(), ALGORITHM));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 key rejected", e);
        }
    }

    static boolean matches(Secret key, byte[] data, byte[] presented) {
        return presented != null && MessageDigest.isEqual(sha256(key, data), presented);
    }
}
