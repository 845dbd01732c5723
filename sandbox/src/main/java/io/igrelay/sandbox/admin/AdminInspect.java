package io.igrelay.sandbox.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.igrelay.sandbox.callback.CallbackSender;
import io.igrelay.sandbox.state.IgAccount;
import io.igrelay.sandbox.state.SandboxState;
import io.igrelay.sandbox.webhook.WebhookDispatcher;
import io.igrelay.sandbox.wire.MetaJson;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/**
 * Read-only views for tests and the benchmark: Send API calls in order with their outcome, webhook delivery
 * attempts, callbacks made, tokens issued, accounts (with subscription and limits), customers, one thread's
 * window and one comment (hidden, private reply, public replies). Lists answer {@code {"data": [...], "total": n}},
 * oldest first, newest {@code limit} kept.
 */
final class AdminInspect {
    private final SandboxState state;
    private final WebhookDispatcher webhooks;
    private final CallbackSender callbacks;

    AdminInspect(SandboxState state, WebhookDispatcher webhooks, CallbackSender callbacks) {
        this.state = state;
        this.webhooks = webhooks;
        this.callbacks = callbacks;
    }

    void mount(Router r) {
        r.get("/sends").handler(this::sends);
        r.get("/graph-calls").handler(this::graphCalls);
        r.get("/webhooks/deliveries").handler(ctx -> list(ctx, webhooks.attempts().list(a -> true, limit(ctx)),
                webhooks.attempts().total()));
        r.get("/callbacks").handler(ctx -> list(ctx, callbacks.log().list(c -> true, limit(ctx)),
                callbacks.log().total()));
        r.get("/tokens").handler(this::tokens);
        r.get("/accounts").handler(this::accounts);
        r.get("/customers").handler(ctx -> {
            ArrayNode data = MetaJson.MAPPER.createArrayNode();
            state.directory().customers().forEach(c -> data.addObject().put("igsid", c.igsid())
                    .put("username", c.username()).put("unavailable", c.unavailable()));
            list(ctx, data, data.size());
        });
        r.get("/conversations/:account/:igsid").handler(this::conversation);
        r.get("/comments/:commentId").handler(this::comment);
        r.get("/stats").handler(ctx -> AdminJson.ok(ctx, MetaJson.object()
                .put("sendApiCalls", state.sends().total()).put("sent", state.sentCount())
                .put("refused", state.refusedCount()).put("webhookAttempts", webhooks.attempts().total())
                .put("conversations", state.conversations().size()).put("tokens", state.tokens().all().size())));
    }

    private void sends(RoutingContext ctx) {
        String account = ctx.request().getParam("account");
        String igsid = ctx.request().getParam("igsid");
        String accountId = account == null ? null : state.directory().findAccount(account)
                .map(IgAccount::userId).orElse(account);
        list(ctx, state.sends().list(s -> (accountId == null || accountId.equals(s.accountId()))
                && (igsid == null || igsid.equals(s.recipientId())), limit(ctx)), state.sends().total());
    }

    /** Attachment Upload and Messenger Profile calls with their bodies ({@code ?account=} filters). */
    private void graphCalls(RoutingContext ctx) {
        String account = ctx.request().getParam("account");
        String accountId = account == null ? null : state.directory().findAccount(account)
                .map(IgAccount::userId).orElse(account);
        list(ctx, state.graphCalls().list(c -> accountId == null || accountId.equals(c.accountId()), limit(ctx)),
                state.graphCalls().total());
    }

    private void tokens(RoutingContext ctx) {
        ArrayNode data = MetaJson.MAPPER.createArrayNode();
        long now = state.clock().millis();
        for (var t : state.tokens().all()) {
            ObjectNode o = data.addObject().put("token", t.token()).put("kind", t.kind().name())
                    .put("flavour", t.kind().flavour().name()).put("subject", t.subject())
                    .put("issuedAt", Instant.ofEpochMilli(t.issuedAt()).toString())
                    .put("expiresAt", t.expiresAt() == Long.MAX_VALUE ? null
                            : Instant.ofEpochMilli(t.expiresAt()).toString())
                    .put("expired", t.expiredAt(now)).put("revoked", state.tokens().isRevoked(t.token()));
            t.scopes().forEach(o.putArray("scopes")::add);
            t.pages().forEach(o.putArray("pages")::add);
        }
        list(ctx, data, data.size());
    }

    private void accounts(RoutingContext ctx) {
        ArrayNode data = MetaJson.MAPPER.createArrayNode();
        state.directory().accounts().stream().sorted((a, b) -> a.username().compareTo(b.username()))
                .forEach(a -> data.add(accountJson(state, a)));
        ArrayNode pages = MetaJson.MAPPER.createArrayNode();
        state.directory().pages().forEach(p -> pages.addObject().put("id", p.id()).put("name", p.name())
                .put("instagramAccountId", p.instagramAccountId().orElse(null)));
        ObjectNode root = MetaJson.object();
        root.set("data", data);
        root.set("pages", pages);
        AdminJson.ok(ctx, root);
    }

    static ObjectNode accountJson(SandboxState state, IgAccount a) {
        ObjectNode o = MetaJson.object().put("userId", a.userId()).put("appScopedId", a.appScopedId())
                .put("username", a.username()).put("name", a.name()).put("accountType", a.accountType())
                .put("pageId", state.directory().pageOfAccount(a.userId()).map(p -> p.id()).orElse(null))
                .put("textPerSecond", a.textPerSecond()).put("mediaPerSecond", a.mediaPerSecond())
                .put("rateLimitCode", a.rateLimitCode());
        a.subscription().ifPresentOrElse(s -> {
            ObjectNode sub = o.putObject("subscription").put("flavour", s.flavour().name())
                    .put("disabled", s.disabled()).put("changedAt", Instant.ofEpochMilli(s.changedAt()).toString());
            s.fields().forEach(sub.putArray("fields")::add);
        }, () -> o.putNull("subscription"));
        a.restriction().ifPresentOrElse(r -> o.put("restriction", r.subcode() == null ? Integer.toString(r.code())
                : r.code() + "/" + r.subcode()), () -> o.putNull("restriction"));
        return o;
    }

    private void conversation(RoutingContext ctx) {
        String acc = state.directory().findAccount(ctx.pathParam("account")).map(IgAccount::userId)
                .orElseThrow(() -> new AdminJson.BadRequest(404, "unknown account"));
        var c = state.conversations().find(acc, ctx.pathParam("igsid"))
                .orElseThrow(() -> new AdminJson.BadRequest(404, "this user never wrote to this account"));
        long now = state.clock().millis();
        String window = now < c.responseUntil() ? "OPEN" : now < c.humanAgentUntil() ? "HUMAN_AGENT_ONLY" : "CLOSED";
        AdminJson.ok(ctx, MetaJson.object().put("accountId", acc).put("igsid", ctx.pathParam("igsid"))
                .put("lastUserActionAt", c.lastUserActionAt()).put("responseUntil", c.responseUntil())
                .put("humanAgentUntil", c.humanAgentUntil()).put("window", window)
                .put("lastUserMid", c.lastUserMid()).put("lastBusinessMid", c.lastBusinessMid()));
    }

    /** One comment as Meta keeps it: hidden or not, its private reply's mid, the public replies in its thread. */
    private void comment(RoutingContext ctx) {
        String id = ctx.pathParam("commentId");
        var c = state.comments().find(id)
                .orElseThrow(() -> new AdminJson.BadRequest(404, "no comment " + id + " (never made, or deleted)"));
        ObjectNode json = MetaJson.object().put("id", c.id()).put("mediaId", c.mediaId())
                .put("accountId", c.accountId()).put("from", c.authorIgsid()).put("text", c.text())
                .put("parentId", c.parentId()).put("hidden", c.hidden()).put("createdAt", c.createdAt())
                .put("privateReplyMid", state.comments().privateReply(id).orElse(null));
        ArrayNode replies = json.putArray("replies");
        state.comments().replies(id).forEach(r -> replies.addObject().put("id", r.id()).put("from", r.authorIgsid())
                .put("text", r.text()));
        AdminJson.ok(ctx, json);
    }

    private static int limit(RoutingContext ctx) {
        return Math.max(1, AdminJson.intParam(ctx, "limit", 1000));
    }

    private static void list(RoutingContext ctx, Object data, long total) {
        ObjectNode root = MetaJson.object();
        root.set("data", MetaJson.MAPPER.valueToTree(data));
        root.put("total", total);
        AdminJson.ok(ctx, root);
    }
}
