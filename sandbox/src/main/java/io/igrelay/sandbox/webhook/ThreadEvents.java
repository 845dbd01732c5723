package io.igrelay.sandbox.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Messaging items that are not a new message, in Meta's documented shapes: an edit of an earlier message
 * ({@code message_edit: {mid, text, num_edit}},
 * https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/message-edits), an opt-in
 * ({@code optin: {type, payload, notification_messages_token, ...}},
 * https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/messaging_optins), the handover
 * protocol's pass/take/request thread control
 * (https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/messaging_handovers and
 * https://developers.facebook.com/docs/graph-api/webhooks/reference/instagram, field messaging_handover) and a
 * message delivered to the {@code standby} array because another app controls the thread
 * (https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/standby).
 */
public final class ThreadEvents {

    /** The app id Meta names for the Page Inbox, the usual other side of a handover. */
    public static final String PAGE_INBOX_APP_ID = "263902037430900";

    private ThreadEvents() {
    }

    public static WebhookItem edit(String accountId, String igsid, long ts, String mid, String text, int numEdit) {
        ObjectNode item = WebhookEvents.base(igsid, accountId, ts);
        item.putObject("message_edit").put("mid", mid).put("text", text).put("num_edit", numEdit);
        return new WebhookItem(accountId, "message_edit", item);
    }

    public static WebhookItem optin(String accountId, String igsid, long ts, String payload, String title,
            String token) {
        ObjectNode item = WebhookEvents.base(igsid, accountId, ts);
        item.putObject("optin").put("type", "notification_messages").put("payload", payload)
                .put("notification_messages_token", token).put("notification_messages_frequency", "DAILY")
                .put("notification_messages_timezone", "UTC").put("token_expiry_timestamp", ts + 180L * 86_400_000)
                .put("user_token_status", "NOT_REFRESHED").put("title", title);
        return new WebhookItem(accountId, "messaging_optins", item);
    }

    /** {@code action}: pass (to this app), take (from this app) or request (by another app). */
    public static WebhookItem handover(String accountId, String igsid, long ts, String action, String ownAppId,
            String metadata) {
        ObjectNode item = WebhookEvents.base(igsid, accountId, ts);
        switch (action) {
            case "pass" -> item.putObject("pass_thread_control").put("previous_owner_app_id", PAGE_INBOX_APP_ID)
                    .put("new_owner_app_id", ownAppId).put("metadata", metadata);
            case "take" -> item.putObject("take_thread_control").put("previous_owner_app_id", ownAppId)
                    .put("new_owner_app_id", PAGE_INBOX_APP_ID).put("metadata", metadata);
            case "request" -> item.putObject("request_thread_control")
                    .put("requested_owner_app_id", PAGE_INBOX_APP_ID).put("metadata", metadata);
            default -> throw new IllegalArgumentException("action must be pass, take or request, was " + action);
        }
        return new WebhookItem(accountId, "messaging_handover", item);
    }

    /** A user's message while another app controls the thread: same shape, in entry.standby[]. */
    public static WebhookItem standby(String accountId, String igsid, long ts, String mid, String text) {
        ObjectNode item = WebhookEvents.base(igsid, accountId, ts);
        item.putObject("message").put("mid", mid).put("text", text);
        return new WebhookItem(accountId, "standby", item, "standby");
    }
}
