package io.igrelay.dispatcher.webhooks.envelope;

import io.igrelay.schemas.serde.MalformedRecordException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/*
 * One event waiting on the webhook queue (hub.webhook.queue, key = its lane): the routing facts the delivery needs to
 * pick webhooks (application, channel, event type, status), the envelope JSON without its `sequence`, which is the
 * record's queue offset and is added when it is sent, and the lane that orders it: the IGSID for a conversation's
 * events, `media:<id>` for the comments on one media. Travels as JSON (an internal dispatcher topic); a record
 * queued before lanes existed reads its IGSID as the lane.
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
        String envelope,
        String lane) {

    public static final String MESSAGE = "Message";
    public static final String MESSAGE_STATUS = "MessageStatus";
    public static final String COMMENT = "Comment";

    /** An event of a conversation: ordered with the other events of its IGSID. */
    public QueuedEvent(String eventId, String eventType, String applicationId, String channelId, String igsid,
            String messageId, String status, Instant createdAt, String envelope) {
        this(eventId, eventType, applicationId, channelId, igsid, messageId, status, createdAt, envelope, igsid);
    }

    /** The lane of the comments on one media. */
    public static String mediaLane(String mediaId) {
        return "media:" + mediaId;
    }

    /**
     * The exact bytes sent: the envelope with the per-conversation sequence (and the test flag when asked) added as its
     * last members. The envelope's own text is kept and the members appended to it, rather than parsed and encoded
     * again on every attempt; an envelope that already names a sequence or does not end its object is rebuilt.
     */
    public String body(long sequence, boolean test) {
        String trimmed = envelope.stripTrailing();
        if (!trimmed.endsWith("}") || envelope.contains("\"sequence\":")) {
            return rebuilt(sequence, test);
        }
        String members = "\"sequence\":" + sequence + (test ? ",\"test\":true" : "");
        String head = trimmed.substring(0, trimmed.length() - 1).stripTrailing();
        return head + (head.endsWith("{") ? "" : ",") + members + "}";
    }

    private String rebuilt(long sequence, boolean test) {
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
                .put("createdAt", createdAt.toEpochMilli()).put("envelope", envelope).put("lane", lane)
                .toBuffer().getBytes();
    }

    /** Reads a queue record; bytes that are not one (not JSON, no eventId, time or envelope) are malformed. */
    public static QueuedEvent fromBytes(byte[] bytes) {
        try {
            JsonObject json = new JsonObject(Buffer.buffer(bytes));
            QueuedEvent event = new QueuedEvent(json.getString("eventId"), json.getString("eventType"),
                    json.getString("applicationId"), json.getString("channelId"), json.getString("igsid"),
                    json.getString("messageId"), json.getString("status"),
                    Instant.ofEpochMilli(json.getLong("createdAt")), json.getString("envelope"),
                    json.getString("lane", json.getString("igsid")));
            if (event.eventId() == null || event.envelope() == null || event.igsid() == null) {
                throw new IllegalArgumentException("eventId, igsid or envelope missing");
            }
            return event;
        } catch (RuntimeException e) {
            throw new MalformedRecordException("not a webhook queue record: " + e.getMessage(), null, -1, e);
        }
    }
}
