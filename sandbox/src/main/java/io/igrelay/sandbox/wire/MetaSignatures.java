package io.igrelay.sandbox.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 as Meta uses it: hex for X-Hub-Signature-256 and appsecret_proof, unpadded base64url for the
 * signed_request of the deletion and deauthorize callbacks.
 */
public final class MetaSignatures {
    private MetaSignatures() {
    }

    public static byte[] sha256(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public static String hubSignature(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(sha256(secret, body));
    }

    /** The older {@code X-Hub-Signature: sha1=...} header Meta still sends beside the SHA-256 one. */
    public static String legacyHubSignature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return "sha1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    public static String hex(String secret, String data) {
        return HexFormat.of().formatHex(sha256(secret, data.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code base64url(HMAC(payload_b64)) + "." + payload_b64}, both unpadded. */
    public static String signedRequest(String secret, String payloadJson) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String payload = b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
        String sig = b64.encodeToString(sha256(secret, payload.getBytes(StandardCharsets.US_ASCII)));
        return sig + "." + payload;
    }
}
