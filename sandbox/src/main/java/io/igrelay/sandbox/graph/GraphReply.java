package io.igrelay.sandbox.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.igrelay.sandbox.state.Ids;
import io.igrelay.sandbox.wire.GraphErrorBody;
import io.igrelay.sandbox.wire.MetaJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes Graph API answers the way Meta does: Meta-escaped compact JSON, errors in the fixture shape with a fresh
 * fbtrace_id and the error's HTTP status, and the x-fb-trace-id header.
 */
public final class GraphReply {
    private GraphReply() {
    }

    public static void json(RoutingContext ctx, int status, JsonNode body) {
        raw(ctx, status, MetaJson.bytes(body));
    }

    public static void raw(RoutingContext ctx, int status, byte[] body) {
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=UTF-8")
                .end(Buffer.buffer(body));
    }

    public static void error(RoutingContext ctx, Ids ids, GraphErrorBody error) {
        String trace = ids.fbtrace();
        ctx.response().putHeader("x-fb-trace-id", trace);
        raw(ctx, error.httpStatus(), error.body(trace));
    }

    /** A query parameter, or the same field of a form body (Graph accepts either). */
    public static String param(RoutingContext ctx, String name) {
        String v = ctx.request().getParam(name);
        if (v == null && ctx.request().formAttributes() != null) {
            v = ctx.request().formAttributes().get(name);
        }
        return v;
    }
}
