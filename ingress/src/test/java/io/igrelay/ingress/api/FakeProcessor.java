package io.igrelay.ingress.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The processor's interactive queries as tests need them: windows and statuses set by the test, 404 otherwise,
 * and a switch that makes every answer a 503 (processor unavailable).
 */
final class FakeProcessor implements AutoCloseable {

    final Map<String, JsonObject> windows = new ConcurrentHashMap<>();
    final Map<String, JsonObject> statuses = new ConcurrentHashMap<>();
    volatile boolean down;
    private final HttpServer server;

    FakeProcessor(Vertx vertx) {
        Router router = Router.router(vertx);
        router.get("/windows/:igsid").handler(ctx -> answer(ctx, windows.get(ctx.pathParam("igsid"))));
        router.get("/status/:id").handler(ctx -> answer(ctx, statuses.get(ctx.pathParam("id"))));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    }

    private void answer(io.vertx.ext.web.RoutingContext ctx, JsonObject json) {
        if (down) {
            ctx.response().setStatusCode(503).end();
        } else if (json == null) {
            ctx.response().setStatusCode(404).end();
        } else {
            ctx.json(json);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    void window(String igsid, String channelId, String state) {
        windows.put(igsid, new JsonObject().put("igsid", igsid).put("channelId", channelId).put("state", state)
                .put("lastUserActionAt", "2026-11-23T10:00:00Z").put("openedBy", "MESSAGE")
                .put("responseUntil", "2026-11-24T10:00:00Z").put("humanAgentUntil", "2026-11-30T10:00:00Z"));
    }

    @Override
    public void close() {
        server.close().await();
    }
}
