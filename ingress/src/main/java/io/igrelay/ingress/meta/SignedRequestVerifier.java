package io.igrelay.ingress.meta;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Verifies Meta's {@code signed_request} (data-deletion and deauthorize callbacks, SPEC 5.1):
 * {@code base64url(HMAC-SHA256(secret, encodedPayload)) "." encodedPayload}. The signature is checked first, over
 * the payload's encoded text, with either app secret; then {@code algorithm} must be HMAC-SHA256 and
 * {@code issued_at} within the allowed skew of the injected clock, so an old captured request cannot be replayed.
 */
public final class SignedRequestVerifier {

    private static final String ALGORITHM = "HMAC-SHA256";
    private static final int MAX_LENGTH = 16 * 1024;

    private final List<AppSecret> apps;
    private final Duration maxSkew;
    private final Clock clock;

    public SignedRequestVerifier(List<AppSecret> apps, Duration maxSkew, Clock clock) {
        this.apps = List.copyOf(apps);
        this.maxSkew = maxSkew;
        this.clock = clock;
    }

    public SignedRequest verify(String signedRequest) throws SignedRequestException {
        if (signedRequest == null || signedRequest.isBlank()) {
            throw new SignedRequestException("signed_request is missing");
        }
        if (signedRequest.length() > MAX_LENGTH) {
            throw new SignedRequestException("signed_request is too long");
        }
        String[] parts = signedRequest.trim().split("\\.", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new SignedRequestException("signed_request must be <signature>.<payload>");
        }
        byte[] signature = decode(parts[0], "signature");
        Optional<AppSecret> app = AppSecret.firstMatching(apps, parts[1].getBytes(StandardCharsets.US_ASCII),
                signature);
        if (app.isEmpty()) {
            throw new SignedRequestException("signed_request signature does not match");
        }
        JsonObject payload = payload(decode(parts[1], "payload"));
        String algorithm = payload.getValue("algorithm") instanceof String s ? s : "";
        if (!ALGORITHM.equalsIgnoreCase(algorithm)) {
            throw new SignedRequestException("signed_request algorithm must be " + ALGORITHM);
        }
        Instant issuedAt = issuedAt(payload);
        Duration age = Duration.between(issuedAt, clock.instant()).abs();
        if (age.compareTo(maxSkew) > 0) {
            throw new SignedRequestException("signed_request issued_at is outside the allowed " + maxSkew.toSeconds()
                    + " s");
        }
        Object userId = payload.getValue("user_id");
        if (!(userId instanceof String || userId instanceof Number) || userId.toString().isBlank()) {
            throw new SignedRequestException("signed_request payload has no user_id");
        }
        return new SignedRequest(app.get(), userId.toString(), issuedAt);
    }

    private static byte[] decode(String part, String what) throws SignedRequestException {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new SignedRequestException("signed_request " + what + " is not base64url");
        }
    }

    private static JsonObject payload(byte[] json) throws SignedRequestException {
        try {
            return new JsonObject(new String(json, StandardCharsets.UTF_8));
        } catch (DecodeException | ClassCastException e) {
            throw new SignedRequestException("signed_request payload is not a JSON object");
        }
    }

    private static Instant issuedAt(JsonObject payload) throws SignedRequestException {
        if (!(payload.getValue("issued_at") instanceof Number seconds)) {
            throw new SignedRequestException("signed_request payload has no issued_at");
        }
        return Instant.ofEpochSecond(seconds.longValue());
    }
}
