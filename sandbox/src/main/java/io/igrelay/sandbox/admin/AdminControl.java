package io.igrelay.sandbox.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.igrelay.sandbox.callback.CallbackSender;
import io.igrelay.sandbox.fault.FaultPlan;
import io.igrelay.sandbox.state.Flavour;
import io.igrelay.sandbox.state.SandboxState;
import io.igrelay.sandbox.webhook.WebhookDispatcher;
import io.igrelay.sandbox.wire.MetaJson;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Knobs of the simulation: the sandbox clock (advance only), fault and latency injection, echo switch, pausing
 * webhook delivery (to force batching), the webhook verification handshake and clearing the inspection logs.
 */
final class AdminControl {
    private final SandboxState state;
    private final WebhookDispatcher webhooks;
    private final CallbackSender callbacks;

    AdminControl(SandboxState state, WebhookDispatcher webhooks, CallbackSender callbacks) {
        this.state = state;
        this.webhooks = webhooks;
        this.callbacks = callbacks;
    }

    void mount(Router r) {
        r.get("/clock").handler(this::clock);
        r.post("/clock/advance").handler(this::advance);
        r.get("/faults").handler(ctx -> AdminJson.ok(ctx, state.faults().plan()));
        r.put("/faults").handler(this::faults);
        r.delete("/faults").handler(ctx -> {
            state.faults().set(FaultPlan.none(state.config().seed()));
            AdminJson.ok(ctx, state.faults().plan());
        });
        r.put("/faults/token-exchange").handler(this::tokenExchangeFaults);
        r.get("/settings").handler(this::settings);
        r.put("/settings").handler(this::putSettings);
        r.post("/webhooks/pause").handler(ctx -> {
            webhooks.paused(true);
            settings(ctx);
        });
        r.post("/webhooks/resume").handler(ctx -> {
            webhooks.paused(false);
            settings(ctx);
        });
        r.post("/webhooks/verify").handler(ctx -> {
            String token = AdminJson.required(AdminJson.body(ctx), "verifyToken");
            callbacks.verifyWebhook(token, 1_000_000_000L + (state.clock().millis() % 1_000_000_000L))
                    .onSuccess(res -> AdminJson.ok(ctx, res)).onFailure(ctx::fail);
        });
        r.delete("/logs").handler(ctx -> {
            state.sends().clear();
            webhooks.attempts().clear();
            callbacks.log().clear();
            ctx.response().setStatusCode(204).end();
        });
    }

    /** {flavour: instagram|facebook, count: n}: the next n code/token exchanges of that flavour fail. */
    private void tokenExchangeFaults(RoutingContext ctx) {
        ObjectNode b = AdminJson.body(ctx);
        Flavour flavour;
        try {
            flavour = Flavour.parse(AdminJson.required(b, "flavour"));
        } catch (IllegalArgumentException e) {
            throw new AdminJson.BadRequest(400, e.getMessage());
        }
        int count = b.path("count").asInt(1);
        if (count < 0) {
            throw new AdminJson.BadRequest(400, "count must be 0 or more");
        }
        state.faults().failTokenExchanges(flavour, count);
        AdminJson.ok(ctx, MetaJson.object().put("flavour", flavour.name())
                .put("pending", state.faults().pendingTokenExchangeFaults(flavour)));
    }

    private void clock(RoutingContext ctx) {
        AdminJson.ok(ctx, MetaJson.object().put("now", state.clock().instant().toString())
                .put("nowMillis", state.clock().millis()).put("offsetMillis", state.clock().offset().toMillis()));
    }

    private void advance(RoutingContext ctx) {
        ObjectNode b = AdminJson.body(ctx);
        Duration d;
        try {
            d = b.has("duration") ? Duration.parse(b.get("duration").asText())
                    : Duration.ofMillis((long) (b.path("seconds").asDouble(0) * 1000));
            state.clock().advance(d);
        } catch (RuntimeException e) {
            throw new AdminJson.BadRequest(400, "give {\"seconds\": n} or {\"duration\": \"PT24H\"}, forward only");
        }
        clock(ctx);
    }

    private void faults(RoutingContext ctx) {
        ObjectNode b = AdminJson.body(ctx);
        List<Integer> codes = new ArrayList<>();
        b.path("transientCodes").forEach(n -> codes.add(n.asInt()));
        List<String> script = new ArrayList<>();
        b.path("script").forEach(n -> script.add(n.asText()));
        FaultPlan plan = new FaultPlan(b.path("seed").asLong(state.config().seed()), b.path("latencyMs").asInt(0),
                b.path("latencyJitterMs").asInt(0), share(b, "http5xxShare"), share(b, "transientShare"),
                codes.isEmpty() ? List.of(1, 2, 1200) : codes, share(b, "timeoutShare"), script,
                AdminJson.optional(b, "account") == null ? null : state.directory()
                        .findAccount(b.get("account").asText())
                        .orElseThrow(() -> new AdminJson.BadRequest(404, "unknown account")).userId());
        state.faults().set(plan);
        AdminJson.ok(ctx, plan);
    }

    private static double share(JsonNode b, String field) {
        double v = b.path(field).asDouble(0);
        if (v < 0 || v > 1) {
            throw new AdminJson.BadRequest(400, field + " must be between 0 and 1");
        }
        return v;
    }

    private void settings(RoutingContext ctx) {
        AdminJson.ok(ctx, MetaJson.object().put("echoes", state.echoes()).put("webhooksPaused", webhooks.paused())
                .put("webhookUrl", state.config().webhookUrl().toString())
                .put("graphApiVersion", state.config().graphApiVersion()));
    }

    private void putSettings(RoutingContext ctx) {
        ObjectNode b = AdminJson.body(ctx);
        if (b.has("echoes")) {
            state.echoes(b.get("echoes").asBoolean());
        }
        if (b.has("webhooksPaused")) {
            webhooks.paused(b.get("webhooksPaused").asBoolean());
        }
        settings(ctx);
    }
}
