package io.igrelay.dispatcher.graph;

import io.igrelay.schemas.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/*
 * Facebook Login calls carry appsecret_proof (SPEC 6.3): the lowercase hex HMAC-SHA256 of the access token keyed
 * with the Meta app secret, so a leaked token is useless without the app secret.
 */
public final class AppSecretProof {

    private AppSecretProof() {
    }

    public static String of(Secret appSecret, String accessToken) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.bytes(), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(accessToken.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
