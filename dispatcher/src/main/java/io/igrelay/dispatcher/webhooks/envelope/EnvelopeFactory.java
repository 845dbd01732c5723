package io.igrelay.dispatcher.webhooks.envelope;

import io.igrelay.avro.DeliveryState;
import io.igrelay.avro.EventKind;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.MessageStatus;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/*
 * Builds the two webhook envelopes from the processor's records, keeping the hub's documented
 * conventions: `timestamp` in Unix seconds, `createdAt` ISO-8601 UTC, flat error fields on statuses, `mid` (Meta's
 * message id) on messages so a later edit, unsend, reaction or reply names them. Events that no Application may see
 * (unknown account, seen receipts) or that carry nothing to act on (an item of a kind the hub does not know, which
 * the processor marks UNSUPPORTED without Meta's is_unsupported flag) yield nothing; comments are not messages
 * (CommentEnvelope builds their own `Comment` event).
 */
public final class EnvelopeFactory {

    private static final Set<EventKind> MESSAGES = EnumSet.of(EventKind.MESSAGE, EventKind.ECHO,
            EventKind.UNSUPPORTED);

    private EnvelopeFactory() {
    }

    /** The Message envelope, if this event is one the Application receives. */
    public static Optional<QueuedEvent> message(InstagramEvent event, String applicationId, Instant createdAt) {
        if (event.getMetadataOnly() || event.getChannelId() == null || event.getKind() == EventKind.SEEN
                || event.getKind() == EventKind.COMMENT
                || event.getKind() == EventKind.UNSUPPORTED && !event.getUnsupported()) {
            return Optional.empty();
        }
        boolean echo = event.getKind() == EventKind.ECHO;
        String eventId = WebhookEventIds.forInbound(event.getEventId());
        JsonObject json = new JsonObject()
                .put("eventType", QueuedEvent.MESSAGE).put("eventId", eventId)
                .put("createdAt", createdAt.toString()).put("applicationId", applicationId)
                .put("channelId", event.getChannelId()).put("channel", "instagram")
                .put("messageId", event.getEventId())
                .put("from", echo ? event.getIgAccountId() : event.getIgsid())
                .put("timestamp", event.getTimestamp().getEpochSecond())
                .put("direction", echo ? "outbound" : "inbound")
                .put("content", MessageContent.of(event));
        if (echo) {
            json.put("to", event.getIgsid());
        }
        if (MESSAGES.contains(event.getKind()) && event.getMid() != null) {
            json.put("mid", event.getMid());
        }
        if (event.getStandby()) {
            json.put("standby", true);
        }
        if (event.getTest()) {
            json.put("test", true);
        }
        return Optional.of(new QueuedEvent(eventId, QueuedEvent.MESSAGE, applicationId, event.getChannelId(),
                event.getIgsid(), event.getEventId(), null, createdAt, json.encode()));
    }

    /** The MessageStatus envelope for a status change that passed the StatusGate. */
    public static QueuedEvent status(MessageStatus status, Optional<DeliveryState> previous, Instant createdAt) {
        String name = name(status.getStatus());
        String eventId = WebhookEventIds.forStatus(status.getMessageId(), name);
        boolean isFinal = status.getStatus() == DeliveryState.FAILED || status.getStatus() == DeliveryState.REJECTED;
        JsonObject json = new JsonObject()
                .put("eventType", QueuedEvent.MESSAGE_STATUS).put("eventId", eventId)
                .put("createdAt", createdAt.toString()).put("applicationId", status.getApplicationId())
                .put("channelId", status.getChannelId()).put("messageId", status.getMessageId())
                .put("status", name).put("previousStatus", previous.map(EnvelopeFactory::name).orElse(null))
                .put("isFinal", isFinal).put("timestamp", status.getAt().getEpochSecond())
                .put("channel", "instagram");
        putIfPresent(json, "errorCode", status.getErrorCode());
        putIfPresent(json, "errorMessage", status.getErrorMessage());
        putIfPresent(json, "channelErrorCode", status.getChannelErrorCode());
        putIfPresent(json, "retryable", status.getRetryable());
        return new QueuedEvent(eventId, QueuedEvent.MESSAGE_STATUS, status.getApplicationId(),
                status.getChannelId(), status.getTo(), status.getMessageId(), name, createdAt, json.encode());
    }

    public static String name(DeliveryState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static void putIfPresent(JsonObject json, String field, Object value) {
        if (value != null) {
            json.put(field, value);
        }
    }
}
