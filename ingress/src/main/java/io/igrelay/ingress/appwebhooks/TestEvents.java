package io.igrelay.ingress.appwebhooks;

import io.igrelay.avro.HubEventType;
import io.igrelay.avro.Webhook;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/*
 * The synthetic event of POST …/{id}/test: the documented envelope of the webhook's eventType,
 * marked "test": true, so an Application can check its parser and its signature verification end to end.
 */
final class TestEvents {

    private TestEvents() {
    }

    static JsonObject of(Webhook w, Instant now) {
        JsonObject json = new JsonObject().put("eventType", w.getRegistration().getEventType().name())
                .put("eventId", UUID.randomUUID().toString()).put("sequence", 0).put("createdAt", now.toString())
                .put("applicationId", w.getApplicationId()).put("channel", "instagram")
                .put("messageId", UUID.randomUUID().toString()).put("timestamp", now.getEpochSecond());
        if (w.getRegistration().getEventType() == HubEventType.Message) {
            json.put("channelId", null).put("from", "0").put("direction", "inbound")
                    .put("content", new JsonObject().put("type", "text").put("text", "igrelay test event"));
        } else if (w.getRegistration().getEventType() == HubEventType.Comment) {
            json.remove("messageId");
            json.put("channelId", null).put("commentId", "0").put("parentId", null)
                    .put("media", new JsonObject().put("id", "0").put("productType", "FEED"))
                    .put("from", new JsonObject().put("id", "0").put("username", "igrelay"))
                    .put("text", "igrelay test event").put("live", false);
        } else {
            json.put("status", "sent").put("previousStatus", "enqueued").put("isFinal", false);
        }
        return json.put("test", true);
    }
}
