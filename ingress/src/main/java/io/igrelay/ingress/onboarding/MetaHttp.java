package io.igrelay.ingress.onboarding;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one place that reads Meta's answers for the onboarding calls: a 2xx JSON object, or a
 * {@link MetaCallException} carrying Meta's code and message in either error shape (Graph's {@code {error:{…}}} or
 * api.instagram.com's legacy {@code {error_type, code, error_message}}). Never echoes a token.
 */
final class MetaHttp {

    private MetaHttp() {
    }

    static Future<JsonObject> json(Future<HttpResponse<Buffer>> call) {
        return call.recover(e -> Future.failedFuture(new MetaCallException(0, 0, "Meta could not be reached")))
                .compose(MetaHttp::read);
    }

    private static Future<JsonObject> read(HttpResponse<Buffer> response) {
        JsonObject body;
        try {
            body = response.body() == null ? new JsonObject() : response.bodyAsJsonObject();
        } catch (RuntimeException e) {
            body = null;
        }
        if (response.statusCode() / 100 == 2 && body != null) {
            return Future.succeededFuture(body);
        }
        if (body == null) {
            return Future.failedFuture(new MetaCallException(response.statusCode(), 0,
                    "unexpected answer (HTTP " + response.statusCode() + ")"));
        }
        JsonObject error = body.getJsonObject("error");
        if (error != null) {
            return Future.failedFuture(new MetaCallException(response.statusCode(), error.getInteger("code", 0),
                    error.getString("message", "")));
        }
        Object code = body.getValue("code");
        return Future.failedFuture(new MetaCallException(response.statusCode(),
                code instanceof Number n ? n.intValue() : 0,
                body.getString("error_message", body.getString("error_description", "HTTP "
                        + response.statusCode()))));
    }

    /** Graph's appsecret_proof: hex HMAC-SHA256 of the access token keyed with the app secret. */
    static String appSecretProof(byte[] appSecret, String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** A Meta failure as the page shows it. */
    static Throwable forPage(Throwable e, String step) {
        if (e instanceof OnboardingFailure) {
            return e;
        }
        return OnboardingFailure.meta(step, e instanceof MetaCallException m ? m.getMessage() : null);
    }
}
