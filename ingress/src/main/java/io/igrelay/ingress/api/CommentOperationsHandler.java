package io.igrelay.ingress.api;

import io.igrelay.avro.Channel;
import io.igrelay.avro.CommentAction;
import io.igrelay.avro.CommentActionKind;
import io.igrelay.avro.OutboundMessage;
import io.igrelay.avro.TextContent;
import io.igrelay.ingress.api.ProcessorClient.CommentLookup;
import io.igrelay.ingress.apps.AuthenticatedApplication;
import io.igrelay.schemas.contract.HubErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST …/comments/{commentId}/replies} and {@code POST …/comments/{commentId}/moderation} after validation
 * (contract §5.2 comment operations): each becomes an OutboundMessage with a CommentAction, keyed by the comment's
 * author, so it gets a messageId, the status lifecycle and the dispatcher's ordering, limits and retries. A private
 * reply first asks the processor for its private-reply verdict (once per comment, 7 days) and is refused 422 when
 * the rule already forbids it; if the processor cannot be asked, the gate decides.
 */
public final class CommentOperationsHandler {

    private static final int MAX_TEXT_BYTES = 1000;

    private final OutboundRequests requests;
    private final ProcessorClient processor;
    private final IdempotencyStore<String> idempotency;

    public CommentOperationsHandler(OutboundRequests requests, ProcessorClient processor,
                                    IdempotencyStore<String> idempotency) {
        this.requests = requests;
        this.processor = processor;
        this.idempotency = idempotency;
    }

    public void handleReply(RoutingContext ctx) {
        AuthenticatedApplication caller = ApiKeyAuthHandler.caller(ctx);
        JsonObject body = ctx.body().asJsonObject();
        String commentId = ctx.pathParam("commentId");
        String text = body.getString("text");
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_TEXT_BYTES) {
            ctx.fail(new ApiError(400, HubErrorCode.TEXT_TOO_LONG,
                    "text: " + bytes + " UTF-8 bytes, at most " + MAX_TEXT_BYTES + " allowed"));
            return;
        }
        CommentActionKind kind = body.getBoolean("private", false) ? CommentActionKind.PRIVATE_REPLY
                : CommentActionKind.PUBLIC_REPLY;
        String idempotencyKey = ctx.request().getHeader("Idempotency-Key");
        Future<String> messageId = idempotencyKey == null
                ? Future.<Void>succeededFuture().compose(v -> enqueue(caller, body, commentId, kind, Optional.empty()))
                : idempotency.execute(caller.applicationId() + "\n" + idempotencyKey,
                        () -> enqueue(caller, body, commentId, kind, Optional.of(idempotencyKey)));
        answer(ctx, messageId);
    }

    public void handleModeration(RoutingContext ctx) {
        AuthenticatedApplication caller = ApiKeyAuthHandler.caller(ctx);
        JsonObject body = ctx.body().asJsonObject();
        CommentActionKind kind = CommentActionKind.valueOf(body.getString("action").toUpperCase(Locale.ROOT));
        answer(ctx, Future.<Void>succeededFuture().compose(v ->
                enqueue(caller, body, ctx.pathParam("commentId"), kind, Optional.empty())));
    }

    private static void answer(RoutingContext ctx, Future<String> messageId) {
        messageId.onSuccess(id -> ctx.response().setStatusCode(202).putHeader("content-type", "application/json")
                        .end(new JsonObject().put("messageId", id).put("status", "enqueued").encode()))
                .onFailure(ctx::fail);
    }

    private Future<String> enqueue(AuthenticatedApplication caller, JsonObject body, String commentId,
                                   CommentActionKind kind, Optional<String> idempotencyKey) {
        String from = body.getString("from");
        String to = body.getString("to");
        Channel channel = requests.resolve(caller.applicationId(), from);
        Future<Void> allowed = kind == CommentActionKind.PRIVATE_REPLY
                ? processor.comment(to, commentId).compose(lookup -> refusal(lookup, channel, commentId, to)
                        .<Future<Void>>map(Future::failedFuture).orElseGet(Future::succeededFuture))
                : Future.succeededFuture();
        return allowed.compose(v -> {
            OutboundMessage message = OutboundMessage.newBuilder()
                    .setMessageId(OutboundRequests.messageId(caller.applicationId(), to, idempotencyKey))
                    .setApplicationId(caller.applicationId())
                    .setFrom(from)
                    .setTo(to)
                    .setContent(new TextContent(body.getString("text", "")))
                    .setRequestedAt(requests.clock().instant())
                    .setIdempotencyKey(idempotencyKey.orElse(null))
                    .setComment(new CommentAction(commentId, kind))
                    .build();
            return requests.enqueue(message, channel);
        });
    }

    /** The processor's verdict as an API answer; none when the reply may go (or the processor could not say). */
    static Optional<ApiError> refusal(CommentLookup lookup, Channel channel, String commentId, String to) {
        if (lookup instanceof CommentLookup.NotFound
                || lookup instanceof CommentLookup.Found found && !channel.getIgUserId().equals(found.igAccountId())) {
            return Optional.of(new ApiError(422, HubErrorCode.COMMENT_NOT_FOUND,
                    "no comment " + commentId + " by " + to + " on this channel's media"));
        }
        if (lookup instanceof CommentLookup.Found found && found.privateReplyRefusal().isPresent()) {
            ProcessorClient.Refusal refusal = found.privateReplyRefusal().get();
            return Optional.of(new ApiError(422, HubErrorCode.valueOf(refusal.errorCode()), refusal.message()));
        }
        return Optional.empty();
    }
}
