package io.igrelay.dispatcher.webhooks.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/*
 * The hub's webhook signature (SPEC 6.5, issue 8 point 3): `X-hub-Signature: t=<unix s>,v1=<hex HMAC-SHA256(secret,
 * "<t>.<raw body>")>` with one `v1=` per active secret, newest first, so a customer rotating secrets verifies with
 * either. `t` is taken per attempt, which bounds replays of a captured request.
 */
public final class SignatureHeader {

    public static final String NAME = "X-hub-Signature";

    private SignatureHeader() {
    }

    public static String value(long unixSeconds, String body, List<String> secrets) {
        StringBuilder header = new StringBuilder("t=").append(unixSeconds);
        for (String secret : secrets) {
            header.append(",v1=").append(hmacHex(secret, unixSeconds + "." + body));
        }
        return header.toString();
    }

    public static String hmacHex(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
