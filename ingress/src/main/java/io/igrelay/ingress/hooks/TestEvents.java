package io.igrelay.ingress.hooks;

import io.igrelay.avro.HubEventType;
import io.igrelay.avro.Webhook;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/*
 * The synthetic event of POST …/{id}/test (issue 8, point 2): the documented envelope of the webhook's eventType,
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
        } else {
            json.put("status", "sent").put("previousStatus", "enqueued").put("isFinal", false);
        }
        return json.put("test", true);
    }
}
