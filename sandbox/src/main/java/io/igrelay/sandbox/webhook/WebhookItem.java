package io.igrelay.sandbox.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One messaging item waiting for delivery: the account it belongs to (entry.id), the subscription field that
 * governs it (messages, messaging_postbacks, messaging_seen, message_reactions, messaging_referral) and the
 * item itself as it will appear in entry[].messaging[].
 */
public record WebhookItem(String accountId, String field, ObjectNode messaging) {
}
