package io.igrelay.dispatcher.webhooks.envelope;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/*
 * One event waiting on the webhook queue (hub.webhook.queue, key = IGSID): the routing facts the delivery needs to
 * pick webhooks (application, channel, event type, status) and the envelope JSON without its `sequence`, which is
 * the record's queue offset and is added when it is sent. Travels as JSON (an internal dispatcher topic).
 */
public record QueuedEvent(
        String eventId,
        String eventType,
        String applicationId,
        String channelId,
        String igsid,
        String messageId,
        String status,
        Instant createdAt,
        String envelope) {

    public static final String MESSAGE = "Message";
    public static final String MESSAGE_STATUS = "MessageStatus";

    /** The exact bytes sent: the envelope with the per-conversation sequence (and the test flag when asked). */
    public String body(long sequence, boolean test) {
        JsonObject json = new JsonObject(envelope);
        json.put("sequence", sequence);
        if (test) {
            json.put("test", true);
        }
        return json.encode();
    }

    public byte[] toBytes() {
        return new JsonObject()
                .put("eventId", eventId).put("eventType", eventType).put("applicationId", applicationId)
                .put("channelId", channelId).put("igsid", igsid).put("messageId", messageId).put("status", status)
                .put("createdAt", createdAt.toEpochMilli()).put("envelope", envelope)
                .toBuffer().getBytes();
    }

    public static QueuedEvent fromBytes(byte[] bytes) {
        JsonObject json = new JsonObject(io.vertx.core.buffer.Buffer.buffer(bytes));
        return new QueuedEvent(json.getString("eventId"), json.getString("eventType"),
                json.getString("applicationId"), json.getString("channelId"), json.getString("igsid"),
                json.getString("messageId"), json.getString("status"),
                Instant.ofEpochMilli(json.getLong("createdAt")), json.getString("envelope"));
    }
}
