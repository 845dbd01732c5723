package io.igrelay.dispatcher.webhooks.envelope;

import io.igrelay.avro.Handover;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.Optin;
import io.vertx.core.json.JsonObject;

/*
 * The `content` of the Message webhook events that are about a thread, not a new message: `edited` (the user
 * changed the text of the earlier message `mid`; `editCount` is Meta's num_edit), `optin` (a notification-messages
 * opt-in or its change, with Meta's token) and `handover` (pass, take or request of thread control, by Meta's
 * field name). None of them opened the messaging window.
 */
final class ThreadContent {

    private ThreadContent() {
    }

    static JsonObject edited(InstagramEvent event) {
        JsonObject edited = new JsonObject().put("mid", event.getMid()).put("text", event.getText());
        if (event.getEdit() != null) {
            edited.put("editCount", event.getEdit().getEditCount());
        }
        return new JsonObject().put("type", "edited").put("edited", edited);
    }

    static JsonObject optin(InstagramEvent event) {
        JsonObject optin = new JsonObject();
        Optin o = event.getOptin();
        if (o != null) {
            optin.put("type", o.getType()).put("payload", o.getPayload()).put("title", o.getTitle())
                    .put("token", o.getToken()).put("frequency", o.getFrequency())
                    .put("tokenExpiresAt", o.getTokenExpiresAt() == null ? null : o.getTokenExpiresAt().toString())
                    .put("status", o.getStatus());
            JsonObject fields = new JsonObject();
            o.getFields().forEach(fields::put);
            optin.put("fields", fields);
        }
        return new JsonObject().put("type", "optin").put("optin", optin);
    }

    static JsonObject handover(InstagramEvent event) {
        JsonObject handover = new JsonObject();
        Handover h = event.getHandover();
        if (h != null) {
            handover.put("action", h.getAction()).put("newOwnerAppId", h.getNewOwnerAppId())
                    .put("previousOwnerAppId", h.getPreviousOwnerAppId())
                    .put("requestedOwnerAppId", h.getRequestedOwnerAppId()).put("metadata", h.getMetadata());
        }
        return new JsonObject().put("type", "handover").put("handover", handover);
    }
}
