package io.igrelay.ingress.api;

import io.igrelay.avro.ConversationWindow;
import io.igrelay.avro.WindowState;
import io.igrelay.avro.WindowTrigger;
import io.igrelay.schemas.contract.WindowVerdict;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The processor's interactive queries as tests need them: windows, statuses and comments set by the test, 404
 * otherwise, and a switch that makes every answer a 503 (processor unavailable).
 */
final class FakeProcessor implements AutoCloseable {

    final Map<String, JsonObject> windows = new ConcurrentHashMap<>();
    final Map<String, JsonObject> statuses = new ConcurrentHashMap<>();
    /** By "igsid/commentId": the processor's comment answer (its account and private-reply verdict). */
    final Map<String, JsonObject> comments = new ConcurrentHashMap<>();
    volatile boolean down;
    volatile boolean humanAgentEnabled = true;
    private final HttpServer server;

    FakeProcessor(Vertx vertx) {
        Router router = Router.router(vertx);
        router.get("/windows/:igsid").handler(ctx -> answer(ctx, withVerdict(windows.get(ctx.pathParam("igsid")),
                ctx.queryParams().get("senderAction"), ctx.queryParams().get("humanAgent"),
                ctx.queryParams().get("humanAgentAllowed"))));
        router.get("/status/:id").handler(ctx -> answer(ctx, statuses.get(ctx.pathParam("id"))));
        router.get("/comments/:igsid/:commentId").handler(ctx -> answer(ctx,
                comments.get(ctx.pathParam("igsid") + "/" + ctx.pathParam("commentId"))));
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

    /** The verdict the real processor adds when a send's flags are passed, by the same shared rule. */
    private JsonObject withVerdict(JsonObject window, String senderAction, String humanAgent, String allowed) {
        if (window == null || senderAction == null) {
            return window;
        }
        Instant now = Instant.now();
        String state = window.getString("state");
        Instant responseUntil = "OPEN".equals(state) ? now.plus(Duration.ofHours(1)) : now.minus(Duration.ofHours(1));
        Instant humanAgentUntil = "CLOSED".equals(state) ? now.minus(Duration.ofMinutes(1))
                : now.plus(Duration.ofDays(1));
        ConversationWindow w = ConversationWindow.newBuilder().setIgsid(window.getString("igsid"))
                .setIgAccountId("acct").setChannelId(window.getString("channelId"))
                .setLastUserActionAt(now.minus(Duration.ofDays(2))).setOpenedBy(WindowTrigger.MESSAGE)
                .setResponseUntil(responseUntil).setHumanAgentUntil(humanAgentUntil)
                .setState(WindowState.valueOf(state)).setUpdatedAt(now).build();
        WindowVerdict.Decision decision = WindowVerdict.decide(w, true, true, new WindowVerdict.Request(
                Boolean.parseBoolean(senderAction), Boolean.parseBoolean(humanAgent), Boolean.parseBoolean(allowed)),
                humanAgentEnabled, now);
        JsonObject verdict = new JsonObject().put("allowed", decision.allowed());
        if (!decision.allowed()) {
            verdict.put("errorCode", decision.errorCode()).put("errorMessage", decision.reason());
        }
        return window.copy().put("verdict", verdict);
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
