package io.igrelay.ingress.appwebhooks;

import io.igrelay.avro.Webhook;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/*
 * The HTTP shape of a webhook (docs/openapi.yaml): registration, verification and health, the validity of its
 * signing secrets but never their values (a secret is shown once, by the create and rotate answers only), and
 * the list envelope {data, pagination:{offset, limit, total, totalPages}}.
 */
public final class WebhookJson {

    private WebhookJson() {
    }

    public static JsonObject of(Webhook w) {
        var r = w.getRegistration();
        JsonArray secrets = new JsonArray();
        w.getSecrets().forEach(s -> secrets.add(new JsonObject().put("createdAt", s.getCreatedAt().toString())
                .put("validUntil", s.getValidUntil() == null ? null : s.getValidUntil().toString())));
        return new JsonObject()
                .put("id", w.getWebhookId()).put("label", r.getLabel()).put("endpoint", r.getEndpoint())
                .put("eventType", r.getEventType().name())
                .put("authenticationProtocol", r.getAuthenticationProtocol())
                .put("headers", new JsonObject(new java.util.HashMap<>(r.getHeaders())))
                .put("requiresSignature", r.getRequiresSignature())
                .put("filters", new JsonObject().put("channelIds", new JsonArray(r.getFilterChannelIds()))
                        .put("statuses", new JsonArray(r.getFilterStatuses())))
                .put("includeContact", r.getIncludeContact())
                .put("isVerified", w.getVerified()).put("verifiedAt", time(w.getVerifiedAt()))
                .put("enabled", w.getEnabled()).put("disabledReason", w.getDisabledReason())
                .put("signingSecrets", secrets)
                .put("createdAt", time(w.getCreatedAt())).put("updatedAt", time(w.getUpdatedAt()));
    }

    public static JsonObject page(JsonArray data, int offset, int limit, int total) {
        int pages = total == 0 ? 0 : (total + limit - 1) / limit;
        return new JsonObject().put("data", data).put("pagination", new JsonObject().put("offset", offset)
                .put("limit", limit).put("total", total).put("totalPages", pages));
    }

    private static String time(Instant at) {
        return at == null ? null : at.toString();
    }
}
