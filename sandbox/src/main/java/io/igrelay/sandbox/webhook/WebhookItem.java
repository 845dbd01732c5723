package io.igrelay.sandbox.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One messaging item waiting for delivery: the account it belongs to (entry.id), the webhook field that names it
 * (messages, messaging_postbacks, messaging_seen, message_reactions, messaging_referral, message_edit,
 * messaging_optins, messaging_handover, standby, comments, live_comments), the entry array it goes in
 * ({@code messaging}; {@code standby} for a message to a thread another app controls; {@code changes} for a comment,
 * whose item is then the {@code {field, value}} change) and the item itself as it will appear there.
 * {@code entryTime} (epoch millis) is the entry's {@code time} when it is not the delivery's (0): a comment's change
 * carries no time of its own, so a comment made earlier on the sandbox clock keeps its time there.
 */
public record WebhookItem(String accountId, String field, ObjectNode messaging, String channel, long entryTime) {

    public WebhookItem(String accountId, String field, ObjectNode messaging) {
        this(accountId, field, messaging, "messaging");
    }

    public WebhookItem(String accountId, String field, ObjectNode messaging, String channel) {
        this(accountId, field, messaging, channel, 0L);
    }
}
