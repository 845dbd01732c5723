package io.igrelay.dispatcher.webhooks.envelope;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/*
 * The webhook eventId is a name-based UUID of the source fact, never random: an inbound message
 * keys on the processor's stable InstagramEvent id (itself derived from Meta's mid, so a Meta redelivery maps to the
 * same id), a comment on the processor's id of the comment (its Meta comment id), a status change on message id +
 * status. Retries, manual retries and replays re-send the queued record,
 * so they keep the id too.
 */
public final class WebhookEventIds {

    private WebhookEventIds() {
    }

    public static String forInbound(String instagramEventId) {
        return uuid("Message|" + instagramEventId);
    }

    public static String forComment(String instagramEventId) {
        return uuid("Comment|" + instagramEventId);
    }

    public static String forStatus(String messageId, String status) {
        return uuid("MessageStatus|" + messageId + "|" + status);
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
