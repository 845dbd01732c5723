package io.igrelay.processor.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.igrelay.avro.EventKind;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.Postback;
import io.igrelay.avro.Reaction;
import io.igrelay.avro.Referral;
import io.igrelay.avro.ReplyTo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Maps one Meta messaging item to an {@link InstagramEvent}: message (text, every attachment with its whole
 * payload, story reply, reply-to, quick reply, ad referral), echo, reaction/unreact, postback, seen, ig.me
 * referral, unsend, a message Meta flags is_unsupported, and the thread items of {@link ThreadItemMapper} (edit,
 * opt-in, handover). An item of any other kind becomes UNSUPPORTED without the is_unsupported flag: it is not a
 * message, so it never opens the window nor reaches an Application. The IGSID is the sender, or the recipient for
 * an echo. An item without sender, recipient or timestamp is unreadable and yields nothing.
 */
final class MessagingItemMapper {

    Optional<InstagramEvent> map(JsonNode item, ItemContext ctx) {
        String sender = Json.text(item.path("sender").path("id"));
        String recipient = Json.text(item.path("recipient").path("id"));
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
                .setTimestampOutOfRange(MetaTimeRange.outOfRange(timestamp.get(), ctx.receivedAt()))
                .setReceivedAt(ctx.receivedAt())
                .setDeliveryId(ctx.deliveryId())
                .setTest(ctx.test())
                .setStandby(ctx.standby());
        if (message.isObject()) {
            mapMessage(event, message, echo);
        } else if (item.path("reaction").isObject()) {
            JsonNode reaction = item.path("reaction");
            String action = Json.text(reaction.path("action"));
            event.setKind(EventKind.REACTION).setMid(Json.text(reaction.path("mid")))
                    .setReaction(new Reaction(action == null ? "react" : action, Json.text(reaction.path("reaction")),
                            Json.text(reaction.path("emoji"))));
        } else if (item.path("postback").isObject()) {
            JsonNode postback = item.path("postback");
            event.setKind(EventKind.POSTBACK).setMid(Json.text(postback.path("mid")))
                    .setPostback(new Postback(Json.text(postback.path("title")),
                            Json.text(postback.path("payload"))));
        } else if (item.path("read").isObject()) {
            event.setKind(EventKind.SEEN).setMid(Json.text(item.path("read").path("mid")));
        } else if (item.path("referral").isObject()) {
            event.setKind(EventKind.REFERRAL).setReferral(referral(item.path("referral")));
        } else if (!ThreadItemMapper.map(item, event)) {
            event.setKind(EventKind.UNSUPPORTED).setUnsupported(false);
        }
        String detail = event.getHandover() == null ? null : event.getHandover().getAction();
        event.setEventId(EventIds.of(event.getKind(), event.getMid(), sender, timestamp.get().toEpochMilli(),
                detail));
        return Optional.of(event.build());
    }

    private static void mapMessage(InstagramEvent.Builder event, JsonNode message, boolean echo) {
        event.setMid(Json.text(message.path("mid")));
        if (message.path("is_deleted").asBoolean(false)) {
            event.setKind(EventKind.DELETED);
            return;
        }
        boolean unsupported = message.path("is_unsupported").asBoolean(false);
        event.setKind(echo ? EventKind.ECHO : unsupported ? EventKind.UNSUPPORTED : EventKind.MESSAGE)
                .setText(Json.text(message.path("text")))
                .setAttachments(AttachmentMapper.all(message.path("attachments")))
                .setQuickReplyPayload(Json.text(message.path("quick_reply").path("payload")))
                .setUnsupported(unsupported);
        JsonNode replyTo = message.path("reply_to");
        if (replyTo.isObject()) {
            event.setReplyTo(new ReplyTo(Json.text(replyTo.path("mid")), Json.text(replyTo.path("story").path("id")),
                    Json.text(replyTo.path("story").path("url"))));
        }
        if (message.path("referral").isObject()) {
            event.setReferral(referral(message.path("referral")));
        }
    }

    private static Referral referral(JsonNode referral) {
        Map<String, String> context = new LinkedHashMap<>();
        referral.path("ads_context_data").fields().forEachRemaining(field -> {
            if (field.getValue().isValueNode()) {
                context.put(field.getKey(), field.getValue().asText());
            }
        });
        return new Referral(Json.text(referral.path("ref")), Json.text(referral.path("source")),
                Json.text(referral.path("type")), Json.text(referral.path("ad_id")), context);
    }
}
