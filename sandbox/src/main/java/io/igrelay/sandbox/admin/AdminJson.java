package io.igrelay.sandbox.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.igrelay.sandbox.wire.MetaJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON in and out of the admin API (plain Jackson, UTF-8, not Meta-escaped): request bodies as a tree, answers
 * from records or trees, and errors as {@code {"error": "..."}}. Bad input is a 400, never a stack trace.
 */
final class AdminJson {
    private AdminJson() {
    }

    /** Thrown by handlers for a 400/404 answer; mapped by the router's failure handler. */
    static final class BadRequest extends RuntimeException {
        final int status;

        BadRequest(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    static ObjectNode body(RoutingContext ctx) {
        Buffer b = ctx.body().buffer();
        if (b == null || b.length() == 0) {
            return MetaJson.object();
        }
        try {
            JsonNode n = MetaJson.MAPPER.readTree(b.getBytes());
            if (!n.isObject()) {
                throw new BadRequest(400, "body must be a JSON object");
            }
            return (ObjectNode) n;
        } catch (IOException e) {
            throw new BadRequest(400, "body is not valid JSON");
        }
    }

    static String required(JsonNode body, String field) {
        String v = body.path(field).asText(null);
        if (v == null || v.isBlank()) {
            throw new BadRequest(400, "field '" + field + "' is required");
        }
        return v;
    }

    static String optional(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    static void ok(RoutingContext ctx, Object value) {
        reply(ctx, 200, value);
    }

    static void reply(RoutingContext ctx, int status, Object value) {
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(Buffer.buffer(MetaJson.MAPPER.writeValueAsBytes(value)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void error(RoutingContext ctx, int status, String message) {
        reply(ctx, status, MetaJson.object().put("error", message));
    }

    static int intParam(RoutingContext ctx, String name, int dflt) {
        String v = ctx.request().getParam(name);
        try {
            return v == null ? dflt : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new BadRequest(400, name + " must be an integer");
        }
    }
}
