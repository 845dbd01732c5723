package io.igrelay.processor.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.igrelay.avro.Attachment;
import io.igrelay.avro.EventKind;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.Postback;
import io.igrelay.avro.Reaction;
import io.igrelay.avro.Referral;
import io.igrelay.avro.ReplyTo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps one Meta messaging item to an {@link InstagramEvent}: message (text, every attachment type including
 * ephemeral without URL, story reply, reply-to, quick reply, ad referral), echo, reaction/unreact, postback, seen,
 * ig.me referral, unsend, unsupported. The IGSID is the sender, or the recipient for an echo. Unknown keys are
 * ignored; an item without sender, recipient or timestamp is unreadable and yields nothing.
 */
final class MessagingItemMapper {

    Optional<InstagramEvent> map(JsonNode item, ItemContext ctx) {
        String sender = text(item.path("sender").path("id"));
        String recipient = text(item.path("recipient").path("id"));
        Optional<Instant> timestamp = MetaTime.parse(item.path("timestamp"));
        if (sender == null || recipient == null || timestamp.isEmpty()) {
            return Optional.empty();
        }
        JsonNode message = item.path("message");
        boolean echo = message.path("is_echo").asBoolean(false);
        InstagramEvent.Builder event = InstagramEvent.newBuilder()
                .setIgAccountId(ctx.accountId())
                .setIgsid(echo ? recipient : sender)
                .setTimestamp(timestamp.get())
                .setReceivedAt(ctx.receivedAt())
                .setDeliveryId(ctx.deliveryId())
                .setTest(ctx.test())
                .setStandby(ctx.standby());
        if (message.isObject()) {
            mapMessage(event, message, echo);
        } else if (item.path("reaction").isObject()) {
            JsonNode reaction = item.path("reaction");
            event.setKind(EventKind.REACTION).setMid(text(reaction.path("mid")))
                    .setReaction(new Reaction(text(reaction.path("action")) == null ? "react"
                            : text(reaction.path("action")), text(reaction.path("reaction")),
                            text(reaction.path("emoji"))));
        } else if (item.path("postback").isObject()) {
            JsonNode postback = item.path("postback");
            event.setKind(EventKind.POSTBACK).setMid(text(postback.path("mid")))
                    .setPostback(new Postback(text(postback.path("title")), text(postback.path("payload"))));
        } else if (item.path("read").isObject()) {
            event.setKind(EventKind.SEEN).setMid(text(item.path("read").path("mid")));
        } else if (item.path("referral").isObject()) {
            event.setKind(EventKind.REFERRAL).setReferral(referral(item.path("referral")));
        } else {
            event.setKind(EventKind.UNSUPPORTED).setUnsupported(true);
        }
        event.setEventId(EventIds.of(event.getKind(), event.getMid(), sender, timestamp.get().toEpochMilli()));
        return Optional.of(event.build());
    }

    private static void mapMessage(InstagramEvent.Builder event, JsonNode message, boolean echo) {
        event.setMid(text(message.path("mid")));
        if (message.path("is_deleted").asBoolean(false)) {
            event.setKind(EventKind.DELETED);
            return;
        }
        boolean unsupported = message.path("is_unsupported").asBoolean(false);
        event.setKind(echo ? EventKind.ECHO : unsupported ? EventKind.UNSUPPORTED : EventKind.MESSAGE)
                .setText(text(message.path("text")))
                .setAttachments(attachments(message.path("attachments")))
                .setQuickReplyPayload(text(message.path("quick_reply").path("payload")))
                .setUnsupported(unsupported);
        JsonNode replyTo = message.path("reply_to");
        if (replyTo.isObject()) {
            event.setReplyTo(new ReplyTo(text(replyTo.path("mid")), text(replyTo.path("story").path("id")),
                    text(replyTo.path("story").path("url"))));
        }
        if (message.path("referral").isObject()) {
            event.setReferral(referral(message.path("referral")));
        }
    }

    private static List<Attachment> attachments(JsonNode attachments) {
        List<Attachment> out = new ArrayList<>();
        for (JsonNode attachment : attachments) {
            String type = text(attachment.path("type"));
            out.add(new Attachment(type == null ? "unknown" : type, text(attachment.path("payload").path("url"))));
        }
        return out;
    }

    private static Referral referral(JsonNode referral) {
        Map<String, String> context = new LinkedHashMap<>();
        referral.path("ads_context_data").fields().forEachRemaining(field -> {
            if (field.getValue().isValueNode()) {
                context.put(field.getKey(), field.getValue().asText());
            }
        });
        return new Referral(text(referral.path("ref")), text(referral.path("source")), text(referral.path("type")),
                text(referral.path("ad_id")), context);
    }

    private static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
