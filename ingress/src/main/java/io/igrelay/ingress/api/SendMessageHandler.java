package io.igrelay.ingress.api;

import io.igrelay.avro.Author;
import io.igrelay.avro.Channel;
import io.igrelay.avro.OutboundMessage;
import io.igrelay.ingress.apps.AuthenticatedApplication;
import io.igrelay.schemas.contract.WindowVerdict;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@code POST /v1/communication/instagram/message} after validation: resolves {@code from} within the caller's
 * Application (404, {@link OutboundRequests}), asks the processor's window for a fast 422, then puts the
 * OutboundMessage on ig.outbound.requests (key = to) and answers 202 only once the broker acknowledged it; then
 * records ENQUEUED on
 * ig.message.status. An Idempotency-Key repeat gets the first answer and enqueues nothing; on another replica or
 * after a restart it is enqueued again under the same message id, which the processor's gate drops.
 */
public final class SendMessageHandler {

    private final OutboundRequests requests;
    private final ProcessorClient processor;
    private final IdempotencyStore<String> idempotency;

    public SendMessageHandler(OutboundRequests requests, ProcessorClient processor,
                              IdempotencyStore<String> idempotency) {
        this.requests = requests;
        this.processor = processor;
        this.idempotency = idempotency;
    }

    public void handle(RoutingContext ctx) {
        AuthenticatedApplication caller = ApiKeyAuthHandler.caller(ctx);
        JsonObject body = ctx.body().asJsonObject();
        String idempotencyKey = ctx.request().getHeader("Idempotency-Key");
        Future<String> messageId = idempotencyKey == null
                ? Future.<Void>succeededFuture().compose(v -> send(caller, body, Optional.empty()))
                : idempotency.execute(caller.applicationId() + "\n" + idempotencyKey,
                        () -> send(caller, body, Optional.of(idempotencyKey)));
        messageId.onSuccess(id -> ctx.response().setStatusCode(202).putHeader("content-type", "application/json")
                        .end(new JsonObject().put("messageId", id).put("status", "enqueued").encode()))
                .onFailure(ctx::fail);
    }

    private Future<String> send(AuthenticatedApplication caller, JsonObject body, Optional<String> idempotencyKey) {
        String from = body.getString("from");
        String to = body.getString("to");
        Channel channel = requests.resolve(caller.applicationId(), from);
        Object content = OutboundContent.from(body.getJsonObject("content"));
        boolean humanAgent = body.getBoolean("humanAgent", false);
        WindowVerdict.Request send = new WindowVerdict.Request(OutboundContent.isSenderAction(content), humanAgent,
                caller.humanAgentAllowed());
        return processor.window(to, send).compose(window -> {
            Optional<ApiError> refusal = WindowGate.refusal(window, channel.getChannelId(), to);
            if (refusal.isPresent()) {
                return Future.failedFuture(refusal.get());
            }
            OutboundMessage message = OutboundMessage.newBuilder()
                    .setMessageId(OutboundRequests.messageId(caller.applicationId(), to, idempotencyKey))
                    .setApplicationId(caller.applicationId())
                    .setFrom(from)
                    .setTo(to)
                    .setContent(content)
                    .setRequestedAt(requests.clock().instant())
                    .setAuthoredBy(humanAgent ? Author.HUMAN : Author.AUTOMATED)
                    .setAgentId(body.getString("agentId"))
                    .setIdempotencyKey(idempotencyKey.orElse(null))
                    .setReplyTo(body.getString("replyTo"))
                    .build();
            return requests.enqueue(message, channel);
        });
    }
}
