package io.igrelay.sandbox.send;

import com.fasterxml.jackson.databind.JsonNode;
import io.igrelay.sandbox.fault.FaultDecision;
import io.igrelay.sandbox.graph.GraphAuth;
import io.igrelay.sandbox.graph.GraphReply;
import io.igrelay.sandbox.state.Comments;
import io.igrelay.sandbox.state.Customer;
import io.igrelay.sandbox.state.FbPage;
import io.igrelay.sandbox.state.IgAccount;
import io.igrelay.sandbox.state.SandboxState;
import io.igrelay.sandbox.state.TokenInfo;
import io.igrelay.sandbox.webhook.WebhookDispatcher;
import io.igrelay.sandbox.webhook.WebhookEvents;
import io.igrelay.sandbox.wire.GraphErrorBody;
import io.igrelay.sandbox.wire.MetaJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * POST /{version}/me/messages and /{version}/{id}/messages on both hosts. The order of checks is Meta's: token
 * (and its messaging permission), addressed object, the comment permission of a private reply, account restriction,
 * body shape, recipient, rate limit, window;
 * every answer for a resolved account carries the usage headers the admin API set. The hot path parses
 * the body once, takes no lock beyond the per-account rate window, and answers without blocking; injected latency
 * uses a timer.
 */
public final class SendApiHandler {
    private static final Set<TokenInfo.Kind> IG_KINDS =
            EnumSet.of(TokenInfo.Kind.IG_SHORT, TokenInfo.Kind.IG_LONG);
    private static final Set<TokenInfo.Kind> FB_KINDS = EnumSet.of(TokenInfo.Kind.FB_PAGE);
    private static final String IG_SCOPE = "instagram_business_manage_messages";
    private static final String FB_SCOPE = "instagram_manage_messages";
    private final SandboxState state;
    private final WebhookDispatcher webhooks;
    private final boolean instagramHost;
    private final String hostName;

    public SendApiHandler(SandboxState state, WebhookDispatcher webhooks, boolean instagramHost) {
        this.state = state;
        this.webhooks = webhooks;
        this.instagramHost = instagramHost;
        this.hostName = instagramHost ? "graph.instagram.com" : "graph.facebook.com";
    }

    public void handle(RoutingContext ctx) {
        JsonNode body = null;
        IgAccount account = null;
        try {
            TokenInfo token = GraphAuth.require(ctx, state, instagramHost ? IG_KINDS : FB_KINDS);
            if (!token.scopes().contains(instagramHost ? IG_SCOPE : FB_SCOPE)) {
                throw new InvalidSendException(GraphErrorBody.permission("Application does not have permission for "
                        + "this action (missing " + (instagramHost ? IG_SCOPE : FB_SCOPE) + ")"));
            }
            account = resolveAccount(token, ctx.pathParam("id"));
            AccountStanding.usageHeaders(ctx.response(), state, account, instagramHost);
            body = parse(ctx.body().buffer());
            PrivateReplyPolicy.requirePermission(token, body, instagramHost);
            Optional<GraphErrorBody> restricted = AccountStanding.restriction(account, instagramHost);
            if (restricted.isPresent()) {
                throw new InvalidSendException(restricted.get());
            }
            state.sendObserver().arrived(account.userId(), body);
            FaultDecision fault = state.faults().decide(account.userId());
            if (fault.action() != FaultDecision.Action.NONE || fault.delayMs() > 0) {
                faulty(ctx, fault, account, body);
                return;
            }
            succeed(ctx, account, body);
        } catch (GraphAuth.Denied d) {
            reject(ctx, account, body, d.error);
        } catch (InvalidSendException e) {
            reject(ctx, account, body, e.error());
        }
    }

    private void succeed(RoutingContext ctx, IgAccount account, JsonNode body) throws InvalidSendException {
        SendRequest req = SendRequestParser.parse(body, instagramHost);
        if (req.privateReply()) {
            privateReply(ctx, account, body, req);
            return;
        }
        Customer customer = state.directory().customer(req.recipientId())
                .orElseThrow(() -> new InvalidSendException(GraphErrorBody.noMatchingUser()));
        if (customer.unavailable()) {
            throw new InvalidSendException(GraphErrorBody.userUnavailable());
        }
        long now = state.clock().millis();
        if (!state.rateLimiter().tryAcquire(account, req.mediaBucket(), now)) {
            throw new InvalidSendException(account.rateLimitCode() == 4 ? GraphErrorBody.rateLimit4()
                    : GraphErrorBody.rateLimit613());
        }
        var thread = state.conversations().find(account.userId(), req.recipientId());
        var windowError = state.windowPolicy().check(thread, req, now, instagramHost);
        if (windowError.isPresent()) {
            throw new InvalidSendException(windowError.get());
        }
        String mid = null;
        String answer;
        if (req.isMessage()) {
            mid = state.ids().mid(account.userId());
            state.conversations().get(account.userId(), req.recipientId()).businessMessage(mid);
            answer = "{\"recipient_id\":\"" + req.recipientId() + "\",\"message_id\":\"" + mid + "\"}";
            if (state.echoes()) {
                webhooks.enqueue(WebhookEvents.echo(account.userId(), req.recipientId(), now, mid, req.message()));
            }
        } else {
            answer = "{\"recipient_id\":\"" + req.recipientId() + "\"}";
        }
        record(ctx, account, req.recipientId(), req.label(), req.messagingType(), req.tag(), 200, "sent", null,
                mid, body);
        GraphReply.raw(ctx, 200, answer.getBytes(StandardCharsets.US_ASCII));
    }

    /** A private reply: to the comment's author, once per comment, within its 7 days; it opens no window. */
    private void privateReply(RoutingContext ctx, IgAccount account, JsonNode body, SendRequest req)
            throws InvalidSendException {
        long now = state.clock().millis();
        Comments.Comment comment = PrivateReplyPolicy.check(state, account, req, now, instagramHost);
        if (!state.rateLimiter().tryAcquire(account, req.mediaBucket(), now)) {
            throw new InvalidSendException(account.rateLimitCode() == 4 ? GraphErrorBody.rateLimit4()
                    : GraphErrorBody.rateLimit613());
        }
        String mid = state.ids().mid(account.userId());
        if (!state.comments().claimPrivateReply(comment.id(), mid)) {
            throw new InvalidSendException(PrivateReplyPolicy.alreadyReplied());
        }
        String author = comment.authorIgsid();
        state.conversations().get(account.userId(), author).businessMessage(mid);
        if (state.echoes()) {
            webhooks.enqueue(WebhookEvents.echo(account.userId(), author, now, mid, req.message()));
        }
        record(ctx, account, author, "private_reply", req.messagingType(), null, 200, "sent", null, mid, body);
        GraphReply.raw(ctx, 200, ("{\"recipient_id\":\"" + author + "\",\"message_id\":\"" + mid + "\"}")
                .getBytes(StandardCharsets.US_ASCII));
    }

    private void faulty(RoutingContext ctx, FaultDecision fault, IgAccount account, JsonNode body) {
        ctx.vertx().setTimer(Math.max(1, fault.delayMs()), t -> {
            switch (fault.action()) {
                case NONE -> {
                    try {
                        succeed(ctx, account, body);
                    } catch (InvalidSendException e) {
                        reject(ctx, account, body, e.error());
                    }
                }
                case HTTP_503 -> {
                    record(ctx, account, recipient(body), "fault", null, null, 503, "http_503", null, null, body);
                    ctx.response().setStatusCode(503).putHeader("Content-Type", "text/html")
                            .end("<html><body><h1>503 Service Unavailable</h1></body></html>");
                }
                case META_ERROR -> reject(ctx, account, body, FaultCodes.error(fault.code(), instagramHost));
                case TIMEOUT -> {
                    record(ctx, account, recipient(body), "fault", null, null, 0, "timeout", null, null, body);
                    ctx.vertx().setTimer(120_000, t2 -> ctx.request().connection().close());
                }
            }
        });
    }

    private IgAccount resolveAccount(TokenInfo token, String pathId) throws InvalidSendException {
        if (instagramHost) {
            IgAccount acc = state.directory().account(token.subject())
                    .orElseThrow(() -> new InvalidSendException(GraphErrorBody.unknownObject(pathId)));
            if (!pathId.equals("me") && !pathId.equals(acc.userId()) && !pathId.equals(acc.appScopedId())) {
                throw new InvalidSendException(GraphErrorBody.unknownObject(pathId));
            }
            return acc;
        }
        FbPage page = state.directory().page(token.subject())
                .orElseThrow(() -> new InvalidSendException(GraphErrorBody.unknownObject(pathId)));
        if (!pathId.equals("me") && !pathId.equals(page.id())) {
            throw new InvalidSendException(GraphErrorBody.unknownObject(pathId));
        }
        return page.instagramAccountId().flatMap(id -> state.directory().account(id))
                .orElseThrow(() -> new InvalidSendException(GraphErrorBody.noMatchingUser()));
    }

    private static JsonNode parse(Buffer buf) throws InvalidSendException {
        try {
            return buf == null ? null : MetaJson.parse(buf.getBytes());
        } catch (IOException e) {
            throw new InvalidSendException(GraphErrorBody.invalidParam("Invalid JSON for postdata"));
        }
    }

    private void reject(RoutingContext ctx, IgAccount account, JsonNode body, GraphErrorBody error) {
        record(ctx, account, recipient(body), label(body), body == null ? null : SendRequestParser
                .textOrNull(body, "messaging_type"), body == null ? null : SendRequestParser.textOrNull(body, "tag"),
                error.httpStatus(), "error", error.codeString(), null, body);
        GraphReply.error(ctx, state.ids(), error);
    }

    private static String recipient(JsonNode body) {
        if (body == null) {
            return null;
        }
        JsonNode recipient = body.path("recipient");
        return recipient.has("comment_id") ? "comment:" + recipient.path("comment_id").asText()
                : recipient.path("id").asText(null);
    }

    private static String label(JsonNode body) {
        if (body == null) {
            return null;
        }
        if (body.has("sender_action")) {
            return body.get("sender_action").asText();
        }
        JsonNode att = body.path("message").get("attachment");
        if (att == null && body.path("message").has("attachments")) {
            return "attachments";
        }
        return att != null ? att.path("type").asText() : "text";
    }

    private void record(RoutingContext ctx, IgAccount account, String recipient, String kind, String type,
            String tag, int status, String outcome, String errorCode, String mid, JsonNode body) {
        state.countSend(status == 200);
        state.sendObserver().answered(account == null ? null : account.userId(), body);
        var sends = state.sends();
        sends.add(new SendRecord(sends.nextSeq(), state.clock().millis(), hostName, ctx.normalizedPath(),
                account == null ? null : account.userId(), recipient, kind, type, tag, status, outcome, errorCode,
                mid, body));
    }
}
