package io.igrelay.processor.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.igrelay.avro.Edit;
import io.igrelay.avro.EventKind;
import io.igrelay.avro.Handover;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.Optin;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Messaging items that are about a thread rather than a new message, each its own event kind (none opens the
 * messaging window): an edit of an earlier message ({@code message_edit: {mid, text, num_edit}},
 * https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/message-edits), an opt-in
 * ({@code optin}, https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/messaging_optins)
 * and the handover protocol's thread control
 * (https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/messaging_handovers; Instagram
 * field {@code messaging_handover}, https://developers.facebook.com/docs/graph-api/webhooks/reference/instagram).
 */
final class ThreadItemMapper {

    static final List<String> HANDOVER_ACTIONS = List.of("pass_thread_control", "take_thread_control",
            "request_thread_control");

    private ThreadItemMapper() {
    }

    /** True when the item was one of these kinds and {@code event} now holds it. */
    static boolean map(JsonNode item, InstagramEvent.Builder event) {
        if (item.path("message_edit").isObject()) {
            edit(item.path("message_edit"), event);
            return true;
        }
        if (item.path("optin").isObject()) {
            event.setKind(EventKind.OPTIN).setOptin(optin(item.path("optin")));
            return true;
        }
        for (String action : HANDOVER_ACTIONS) {
            JsonNode control = item.path(action);
            if (control.isObject()) {
                event.setKind(EventKind.HANDOVER).setHandover(new Handover(action,
                        Json.text(control.path("new_owner_app_id")), Json.text(control.path("previous_owner_app_id")),
                        Json.text(control.path("requested_owner_app_id")), Json.text(control.path("metadata"))));
                return true;
            }
        }
        return false;
    }

    /** num_edit is an integer on the page but shown quoted in its example: a number in a string is read too. */
    private static void edit(JsonNode edit, InstagramEvent.Builder event) {
        event.setKind(EventKind.EDITED).setMid(Json.text(edit.path("mid"))).setText(Json.text(edit.path("text")))
                .setEdit(new Edit(edit.path("num_edit").asInt(0)));
    }

    /**
     * Meta's example shows token_expiry_timestamp as "TIMESTAMP" without a unit: read like the item timestamp
     * (seconds below 10^11, else milliseconds). The status is the change the user made (notification_messages_status,
     * STOP/RESUME NOTIFICATIONS) when present, else user_token_status. Every scalar also stays in {@code fields}.
     */
    private static Optin optin(JsonNode optin) {
        Map<String, String> fields = new LinkedHashMap<>();
        Json.flattenScalars(optin, "", fields);
        Instant expires = MetaTime.parse(optin.path("token_expiry_timestamp")).orElse(null);
        String status = Json.text(optin.path("notification_messages_status"));
        return Optin.newBuilder()
                .setType(Json.text(optin.path("type")))
                .setPayload(Json.text(optin.path("payload")))
                .setTitle(Json.text(optin.path("title")))
                .setToken(Json.text(optin.path("notification_messages_token")))
                .setFrequency(Json.text(optin.path("notification_messages_frequency")))
                .setTokenExpiresAt(expires)
                .setStatus(status != null ? status : Json.text(optin.path("user_token_status")))
                .setFields(fields)
                .build();
    }
}
