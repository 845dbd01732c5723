package io.igrelay.schemas.contract;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The hub's signature on the webhooks it sends to an Application (docs/contract.md §6.5):
 * {@code X-hub-Signature: t=<unix s>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>} with one {@code v1=} per active
 * secret, newest first, so an Application rotating secrets verifies with either. {@code t} is taken per attempt, which
 * bounds replays of a captured request. The dispatcher's deliveries and the ingress's test and verification calls use
 * this one class.
 */
public final class HubSignature {

    public static final String HEADER = "X-hub-Signature";

    private HubSignature() {
    }

    public static String value(long unixSeconds, String body, List<String> secrets) {
        StringBuilder header = new StringBuilder("t=").append(unixSeconds);
        for (String secret : secrets) {
            header.append(",v1=").append(v1(secret, unixSeconds, body));
        }
        return header.toString();
    }

    /** One {@code v1} value: what an Application recomputes to verify. */
    public static String v1(String secret, long unixSeconds, String body) {
        return Hmac.hex(secret.getBytes(StandardCharsets.UTF_8), unixSeconds + "." + body);
    }
}
