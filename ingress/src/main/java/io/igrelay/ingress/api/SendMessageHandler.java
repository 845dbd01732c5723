package io.igrelay.ingress.api;

import io.igrelay.avro.Author;
import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.DeliveryState;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.OutboundMessage;
import io.igrelay.ingress.apps.AuthenticatedApplication;
import io.igrelay.schemas.topics.RecordHeaders;
import io.igrelay.schemas.topics.Topics;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/communication/instagram/message} after validation: resolves {@code from} within the caller's
 * Application (404), asks the processor's window for a fast 422, then puts the OutboundMessage on
 * ig.outbound.requests (key = to) and answers 202 only once the broker acknowledged it; then records ENQUEUED on
 * ig.message.status. An Idempotency-Key repeat gets the first answer and enqueues nothing; on another replica or
 * after a restart it is enqueued again under the same message id, which the processor's gate drops.
 */
public final class SendMessageHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SendMessageHandler.class);

    private final ChannelDirectory channels;
    private final ProcessorClient processor;
    private final RecordPublisher publisher;
    private final IdempotencyStore<String> idempotency;
    private final AcceptedMessages accepted;
    private final Clock clock;

    public SendMessageHandler(ChannelDirectory channels, ProcessorClient processor, RecordPublisher publisher,
                              IdempotencyStore<String> idempotency, AcceptedMessages accepted, Clock clock) {
        this.channels = channels;
        this.processor = processor;
        this.publisher = publisher;
        this.idempotency = idempotency;
        this.accepted = accepted;
        this.clock = clock;
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
        Channel channel = resolve(caller.applicationId(), from);
        Object content = OutboundContent.from(body.getJsonObject("content"));
        boolean humanAgent = body.getBoolean("humanAgent", false);
        return processor.window(to).compose(window -> {
            Optional<ApiError> refusal = WindowGate.refusal(window, channel.getChannelId(), to,
                    OutboundContent.isSenderAction(content), humanAgent, caller.humanAgentAllowed());
            if (refusal.isPresent()) {
                return Future.failedFuture(refusal.get());
            }
            OutboundMessage message = OutboundMessage.newBuilder()
                    .setMessageId(messageId(caller.applicationId(), to, idempotencyKey))
                    .setApplicationId(caller.applicationId())
                    .setFrom(from)
                    .setTo(to)
                    .setContent(content)
                    .setRequestedAt(clock.instant())
                    .setAuthoredBy(humanAgent ? Author.HUMAN : Author.AUTOMATED)
                    .setAgentId(body.getString("agentId"))
                    .setIdempotencyKey(idempotencyKey.orElse(null))
                    .build();
            // marked: this service writes the message's enqueued status (SPEC 6.4), so the gate does not
            return publisher.publish(Topics.OUTBOUND_REQUESTS, to, message,
                            Map.of(RecordHeaders.ENQUEUED_BY, "ingress"))
                    .recover(e -> Future.failedFuture(ApiError.unavailable(
                            "the message queue is unavailable, retry later")))
                    .map(v -> enqueued(message, channel));
        });
    }

    /**
     * A random id, or, for a request with an Idempotency-Key, one derived from the Application, the recipient and the
     * key: a repeat that reaches another replica, or comes after a restart (when this replica's store no longer has
     * the first answer), is enqueued under the same id, and the processor's gate drops it as a message it already
     * decided (its dedup horizon, 7 days by default, outlasts the 24 h promise); the caller gets the same messageId.
     */
    static String messageId(String applicationId, String to, Optional<String> idempotencyKey) {
        return idempotencyKey.map(key -> UUID.nameUUIDFromBytes(String.join("\n", "igrelay-idempotency",
                        applicationId, to, key).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString())
                .orElseGet(() -> UUID.randomUUID().toString());
    }

    private Channel resolve(String applicationId, String from) {
        Optional<Channel> channel = isUuid(from)
                ? channels.byId(from).filter(c -> c.getApplicationId().equals(applicationId))
                : channels.byUsername(applicationId, from);
        Channel found = channel.orElseThrow(() ->
                new ApiError(404, ErrorCode.CHANNEL_NOT_FOUND, "channel " + from + " not found"));
        if (found.getStatus() == ChannelStatus.DISCONNECTED) {
            throw new ApiError(422, ErrorCode.CHANNEL_DISCONNECTED, "channel " + from + " is disconnected");
        }
        if (found.getStatus() == ChannelStatus.REAUTH_REQUIRED) {
            throw new ApiError(422, ErrorCode.REAUTH_REQUIRED,
                    "channel " + from + " must be connected again (its token is no longer valid)");
        }
        return found;
    }

    private String enqueued(OutboundMessage message, Channel channel) {
        accepted.remember(message.getMessageId(), message.getApplicationId());
        Instant now = clock.instant();
        MessageStatus status = MessageStatus.newBuilder()
                .setMessageId(message.getMessageId())
                .setApplicationId(message.getApplicationId())
                .setChannelId(channel.getChannelId())
                .setTo(message.getTo())
                .setStatus(DeliveryState.ENQUEUED)
                .setMetaMessageIds(List.of())
                .setDecisionTime(now)
                .setAt(now)
                .build();
        publisher.publish(Topics.MESSAGE_STATUS, message.getTo(), status).onFailure(e ->
                LOG.warn("ENQUEUED status of {} not written: {}", message.getMessageId(), e.toString()));
        return message.getMessageId();
    }

    static boolean isUuid(String value) {
        if (value.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
