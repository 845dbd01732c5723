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
 * Verifies Meta's {@code signed_request} (data-deletion and deauthorize callbacks):
 * {@code base64url(HMAC-SHA256(secret, encodedPayload)) "." encodedPayload}. The signature is checked first, over
 * the payload's encoded text, with either app secret; then {@code algorithm} must be HMAC-SHA256 and a user_id must
 * be named. {@code issued_at} is not a condition: Meta's guide
 * (https://developers.facebook.com/docs/development/create-an-app/app-dashboard/data-deletion-callback) sets no
 * freshness rule, and a callback Meta retried late must still be honoured, so any correctly signed request is
 * accepted and its age is only reported (the callers log the ones older than {@code lateAfter}).
 */
public final class SignedRequestVerifier {

    private static final String ALGORITHM = "HMAC-SHA256";
    private static final int MAX_LENGTH = 16 * 1024;

    private final List<AppSecret> apps;
    private final Duration lateAfter;
    private final Clock clock;

    public SignedRequestVerifier(List<AppSecret> apps, Duration lateAfter, Clock clock) {
        this.apps = List.copyOf(apps);
        this.lateAfter = lateAfter;
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
        Optional<Instant> issuedAt = issuedAt(payload);
        Object userId = payload.getValue("user_id");
        if (!(userId instanceof String || userId instanceof Number) || userId.toString().isBlank()) {
            throw new SignedRequestException("signed_request payload has no user_id");
        }
        return new SignedRequest(app.get(), userId.toString(), issuedAt,
                issuedAt.map(at -> Duration.between(at, clock.instant())));
    }

    /** Whether a verified request is older than the configured age worth a log line (it is accepted anyway). */
    public boolean late(SignedRequest request) {
        return request.age().map(age -> age.abs().compareTo(lateAfter) > 0).orElse(true);
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

    private static Optional<Instant> issuedAt(JsonObject payload) {
        return payload.getValue("issued_at") instanceof Number seconds
                ? Optional.of(Instant.ofEpochSecond(seconds.longValue())) : Optional.empty();
    }
}
