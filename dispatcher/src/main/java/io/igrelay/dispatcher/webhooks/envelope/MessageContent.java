package io.igrelay.dispatcher.webhooks.envelope;

import io.igrelay.avro.Attachment;
import io.igrelay.avro.InstagramEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/*
 * Maps one normalised Instagram event to the `content` object of a Message webhook: text, every attachment with
 * all its fields (`attachments`, plus the first one under its type for readers of the single-attachment shape),
 * shared posts, stories and reels, story mentions and replies, quick-reply and postback answers as interactive
 * button_reply, reactions, referrals, unsends, and the thread events of ThreadContent (edited, optin, handover).
 * Only the processor's fields are used; nothing here is logged.
 */
public final class MessageContent {

    private MessageContent() {
    }

    public static JsonObject of(InstagramEvent event) {
        return switch (event.getKind()) {
            case POSTBACK -> buttonReply(event.getPostback() == null ? null : event.getPostback().getPayload(),
                    event.getPostback() == null ? null : event.getPostback().getTitle());
            case REACTION -> reaction(event);
            case REFERRAL -> referral(event);
            case DELETED -> new JsonObject().put("type", "deleted").put("mid", event.getMid());
            case UNSUPPORTED -> new JsonObject().put("type", "unsupported");
            case EDITED -> ThreadContent.edited(event);
            case OPTIN -> ThreadContent.optin(event);
            case HANDOVER -> ThreadContent.handover(event);
            default -> message(event);
        };
    }

    private static JsonObject message(InstagramEvent event) {
        if (event.getUnsupported()) {
            return new JsonObject().put("type", "unsupported");
        }
        if (event.getQuickReplyPayload() != null) {
            return buttonReply(event.getQuickReplyPayload(), event.getText());
        }
        JsonObject content;
        if (!event.getAttachments().isEmpty()) {
            Attachment first = event.getAttachments().get(0);
            String type = contentType(first.getType());
            content = new JsonObject().put("type", type).put(type, fields(first, false));
            if (event.getText() != null) {
                content.put("text", event.getText());
            }
            content.put("attachments", attachments(event.getAttachments()));
        } else {
            content = new JsonObject().put("type", "text").put("text", event.getText());
        }
        if (event.getReplyTo() != null) {
            if (event.getReplyTo().getStoryId() != null || event.getReplyTo().getStoryUrl() != null) {
                content.put("type", "story_reply");
                content.put("story", new JsonObject().put("id", event.getReplyTo().getStoryId())
                        .put("url", event.getReplyTo().getStoryUrl()));
            } else if (event.getReplyTo().getMid() != null) {
                content.put("replyTo", new JsonObject().put("mid", event.getReplyTo().getMid()));
            }
        }
        return content;
    }

    /** The content type of a message by its first attachment: Meta's two names for reels become one. */
    private static String contentType(String attachmentType) {
        return switch (attachmentType) {
            case "ig_reel", "reel" -> "reel";
            default -> attachmentType;
        };
    }

    private static JsonArray attachments(List<Attachment> attachments) {
        JsonArray out = new JsonArray();
        for (Attachment attachment : attachments) {
            out.add(fields(attachment, true));
        }
        return out;
    }

    /** url, title, mediaId when Meta sent them, and (in the list) the type and the whole payload. */
    private static JsonObject fields(Attachment attachment, boolean full) {
        JsonObject json = new JsonObject();
        if (full) {
            json.put("type", attachment.getType());
        }
        json.put("url", attachment.getUrl());
        if (attachment.getTitle() != null) {
            json.put("title", attachment.getTitle());
        }
        if (attachment.getMediaId() != null) {
            json.put("mediaId", attachment.getMediaId());
        }
        if (full) {
            JsonObject payload = new JsonObject();
            attachment.getPayload().forEach(payload::put);
            json.put("payload", payload);
        }
        return json;
    }

    private static JsonObject buttonReply(String id, String title) {
        return new JsonObject().put("type", "interactive").put("interactive", new JsonObject()
                .put("type", "button_reply")
                .put("button_reply", new JsonObject().put("id", id).put("title", title)));
    }

    private static JsonObject reaction(InstagramEvent event) {
        JsonObject reaction = new JsonObject().put("mid", event.getMid());
        if (event.getReaction() != null) {
            reaction.put("action", event.getReaction().getAction())
                    .put("reaction", event.getReaction().getReaction())
                    .put("emoji", event.getReaction().getEmoji());
        }
        return new JsonObject().put("type", "reaction").put("reaction", reaction);
    }

    private static JsonObject referral(InstagramEvent event) {
        JsonObject referral = new JsonObject();
        if (event.getReferral() != null) {
            referral.put("ref", event.getReferral().getRef()).put("source", event.getReferral().getSource())
                    .put("type", event.getReferral().getType()).put("adId", event.getReferral().getAdId());
        }
        return new JsonObject().put("type", "referral").put("referral", referral);
    }
}
