package io.igrelay.ingress.metagraph;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;

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

    /**
     * The subscribed_fields of this app in a subscribed_apps answer ({@code {data:[{id?, name, subscribed_fields}]}});
     * {@code appId} null = the only entry (Instagram Login lists just the calling app), else the entry with that id.
     */
    static List<String> subscribedFields(JsonObject body, String appId) {
        JsonArray data = body.getJsonArray("data", new JsonArray());
        for (int i = 0; i < data.size(); i++) {
            JsonObject app = data.getJsonObject(i);
            if (appId == null || appId.equals(String.valueOf(app.getValue("id")))) {
                JsonArray fields = app.getJsonArray("subscribed_fields", new JsonArray());
                return fields.stream().map(f -> f instanceof JsonObject o ? o.getString("name") : String.valueOf(f))
                        .toList();
            }
        }
        return List.of();
    }
}
