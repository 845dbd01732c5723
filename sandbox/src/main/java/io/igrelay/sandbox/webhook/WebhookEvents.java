package io.igrelay.sandbox.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.igrelay.sandbox.wire.MetaJson;

/**
 * Builds messaging items in the documented shapes of meta-fixtures/webhook-*.json: user messages
 * (text, attachments, reply_to, quick_reply, referral), echoes, reactions, postbacks, read receipts, ig.me
 * referrals and unsends. Field order follows the fixtures.
 */
public final class WebhookEvents {
    private WebhookEvents() {
    }

    public static ObjectNode base(String senderId, String recipientId, long timestamp) {
        ObjectNode item = MetaJson.object();
        item.putObject("sender").put("id", senderId);
        item.putObject("recipient").put("id", recipientId);
        item.put("timestamp", timestamp);
        return item;
    }

    /** A user's message; {@code message} already holds text/attachments/reply_to/quick_reply/referral. */
    public static WebhookItem userMessage(String accountId, String igsid, long ts, ObjectNode message) {
        ObjectNode item = base(igsid, accountId, ts);
        item.set("message", message);
        return new WebhookItem(accountId, "messages", item);
    }

    /** The echo of a business message sent through the Send API: same mid, is_echo true. */
    public static WebhookItem echo(String accountId, String igsid, long ts, String mid, JsonNode sent) {
        ObjectNode message = MetaJson.object();
        message.put("mid", mid);
        if (sent.has("text")) {
            message.put("text", sent.get("text").asText());
        }
        JsonNode att = sent.get("attachment");
        if (att != null) {
            message.putArray("attachments").add(att.deepCopy());
        }
        message.put("is_echo", true);
        ObjectNode item = base(accountId, igsid, ts);
        item.set("message", message);
        return new WebhookItem(accountId, "messages", item);
    }

    public static WebhookItem reaction(String accountId, String igsid, long ts, String mid, String action,
            String reaction, String emoji) {
        ObjectNode item = base(igsid, accountId, ts);
        ObjectNode r = item.putObject("reaction");
        r.put("mid", mid).put("action", action);
        if (action.equals("react")) {
            r.put("reaction", reaction).put("emoji", emoji);
        }
        return new WebhookItem(accountId, "message_reactions", item);
    }

    public static WebhookItem postback(String accountId, String igsid, long ts, String mid, String title,
            String payload) {
        ObjectNode item = base(igsid, accountId, ts);
        item.putObject("postback").put("mid", mid).put("title", title).put("payload", payload);
        return new WebhookItem(accountId, "messaging_postbacks", item);
    }

    public static WebhookItem seen(String accountId, String igsid, long ts, String mid) {
        ObjectNode item = base(igsid, accountId, ts);
        item.putObject("read").put("mid", mid);
        return new WebhookItem(accountId, "messaging_seen", item);
    }

    public static WebhookItem referral(String accountId, String igsid, long ts, String ref, String source) {
        ObjectNode item = base(igsid, accountId, ts);
        item.putObject("referral").put("ref", ref).put("source", source).put("type", "OPEN_THREAD");
        return new WebhookItem(accountId, "messaging_referral", item);
    }

    public static WebhookItem deleted(String accountId, String igsid, long ts, String mid) {
        ObjectNode item = base(igsid, accountId, ts);
        item.putObject("message").put("mid", mid).put("is_deleted", true);
        return new WebhookItem(accountId, "messages", item);
    }
}
