package io.igrelay.dispatcher.graph;

import io.igrelay.avro.CommentAction;
import io.igrelay.avro.CommentActionKind;
import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.Flavour;
import io.igrelay.avro.InteractiveContent;
import io.igrelay.avro.InteractiveOption;
import io.igrelay.avro.MediaContent;
import io.igrelay.avro.MessagingType;
import io.igrelay.avro.ReactionContent;
import io.igrelay.avro.SenderActionContent;
import io.igrelay.avro.StickerContent;
import io.igrelay.avro.TextContent;
import io.igrelay.schemas.contract.HubErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/*
 * Turns a DispatchCommand into the Send API JSON bodies, exactly as meta-fixtures/send-request-*.json:
 * one body per call, in order (an image with a caption is the image, then the caption as text). Message bodies get
 * the gate's messaging type: HUMAN_AGENT rides as messaging_type MESSAGE_TAG + tag on Facebook Login and as a
 * top-level tag only on Instagram Login; sender actions and reactions never carry a tag (contract §5.2).
 */
public final class SendBodyMapper {

    /** The bodies for {@code command} sent through a channel of {@code flavour}, one per call, in call order. */
    public List<JsonObject> bodies(DispatchCommand command, Flavour flavour) {
        List<JsonObject> bodies = contentBodies(command, flavour);
        String replyTo = command.getReplyToMid();
        JsonObject first = bodies.get(0).getJsonObject("message");
        if (replyTo != null && !replyTo.isEmpty() && first != null) {
            // a quote reply: the first message answers Meta's mid (a caption that follows is a plain message)
            first.put("reply_to", new JsonObject().put("mid", replyTo));
        }
        return bodies;
    }

    private List<JsonObject> contentBodies(DispatchCommand command, Flavour flavour) {
        Object content = command.getContent();
        if (content instanceof TextContent text) {
            return List.of(message(command, flavour, new JsonObject().put("text", text.getText())));
        }
        if (content instanceof MediaContent media) {
            return media(command, flavour, media);
        }
        if (content instanceof StickerContent sticker) {
            JsonObject attachment = new JsonObject().put("type", sticker.getSticker());
            return List.of(message(command, flavour, new JsonObject().put("attachment", attachment)));
        }
        if (content instanceof InteractiveContent interactive && !interactive.getElements().isEmpty()) {
            return List.of(message(command, flavour, GenericTemplateBody.of(interactive.getElements())));
        }
        if (content instanceof InteractiveContent interactive) {
            return List.of(message(command, flavour, InteractiveBodies.of(interactive)));
        }
        if (content instanceof ReactionContent reaction) {
            return List.of(reaction(command, reaction));
        }
        if (content instanceof SenderActionContent action) {
            return List.of(recipient(command).put("sender_action",
                    action.getAction().name().toLowerCase(Locale.ROOT)));
        }
        throw new UnsendableCommandException(HubErrorCode.UNSUPPORTED_CONTENT,
                "content kind " + (content == null ? "null" : content.getClass().getSimpleName()) + " is not sendable");
    }

    /**
     * Media by URL ({@code attachment.payload.url}), by reusable id ({@code payload.attachment_id}), several images
     * as {@code message.attachments[]}, and a share of the business's own post as {@code MEDIA_SHARE} with
     * {@code payload.id}; the same body on both hosts. Shapes:
     * https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api and
     * https://developers.facebook.com/docs/messenger-platform/instagram/features/send-message (and, for ids,
     * https://developers.facebook.com/docs/messenger-platform/instagram/features/attachment-upload).
     */
    private List<JsonObject> media(DispatchCommand command, Flavour flavour, MediaContent media) {
        String type = media.getKind().name().toLowerCase(Locale.ROOT);
        JsonObject message;
        if (media.getPostId() != null) {
            message = new JsonObject().put("attachment", new JsonObject().put("type", "MEDIA_SHARE")
                    .put("payload", new JsonObject().put("id", media.getPostId())));
        } else if (media.getAttachmentId() != null) {
            message = new JsonObject().put("attachment", new JsonObject().put("type", type)
                    .put("payload", new JsonObject().put("attachment_id", media.getAttachmentId())));
        } else if (media.getItems().size() > 1) {
            JsonArray attachments = new JsonArray();
            media.getItems().forEach(url -> attachments.add(new JsonObject().put("type", type)
                    .put("payload", new JsonObject().put("url", url))));
            message = new JsonObject().put("attachments", attachments);
        } else {
            message = new JsonObject().put("attachment", new JsonObject().put("type", type)
                    .put("payload", new JsonObject().put("url", media.getUrl())));
        }
        JsonObject first = message(command, flavour, message);
        String caption = media.getCaption();
        if (caption == null || caption.isEmpty()) {
            return List.of(first);
        }
        return List.of(first, message(command, flavour, new JsonObject().put("text", caption)));
    }

    private JsonObject reaction(DispatchCommand command, ReactionContent reaction) {
        String targetMid = command.getReactionTargetMid();
        if (targetMid == null || targetMid.isEmpty()) {
            throw new UnsendableCommandException(HubErrorCode.MESSAGE_NOT_FOUND,
                    "the reaction's target message has no known Meta mid");
        }
        String emoji = reaction.getEmoji();
        JsonObject payload = new JsonObject().put("message_id", targetMid);
        if (emoji == null || emoji.isEmpty()) {
            return recipient(command).put("sender_action", "unreact").put("payload", payload);
        }
        return recipient(command).put("sender_action", "react").put("payload", payload.put("reaction",
                ReactionNames.metaReaction(emoji)));
    }

    /** A message body with the messaging type/tag of the command, as each flavour expects it. */
    private JsonObject message(DispatchCommand command, Flavour flavour, JsonObject message) {
        JsonObject body = recipient(command);
        boolean tagged = command.getMessagingType() == MessagingType.MESSAGE_TAG;
        if (tagged) {
            String tag = command.getTag() == null ? "HUMAN_AGENT" : command.getTag();
            if (flavour == Flavour.FACEBOOK_LOGIN) {
                body.put("messaging_type", "MESSAGE_TAG");
            }
            body.put("tag", tag);
        } else if (message.containsKey("quick_replies")) {
            body.put("messaging_type", "RESPONSE"); // as send-request-quick-replies.json
        }
        return body.put("message", message);
    }

    /**
     * The recipient: the IGSID, or for a private reply the comment it answers
     * (https://developers.facebook.com/docs/instagram-platform/private-replies: {@code recipient.comment_id}).
     */
    private static JsonObject recipient(DispatchCommand command) {
        CommentAction comment = command.getComment();
        if (comment != null && comment.getAction() == CommentActionKind.PRIVATE_REPLY) {
            return new JsonObject().put("recipient", new JsonObject().put("comment_id", comment.getCommentId()));
        }
        return new JsonObject().put("recipient", new JsonObject().put("id", command.getIgsid()));
    }

    /** Buttons and list rows become quick replies; a call-to-action URL becomes a button template. */
    static final class InteractiveBodies {

        private InteractiveBodies() {
        }

        static JsonObject of(InteractiveContent interactive) {
            List<InteractiveOption> options = interactive.getOptions();
            switch (interactive.getType()) {
                case BUTTON, LIST -> {
                    if (options.isEmpty()) {
                        throw new UnsendableCommandException(HubErrorCode.INVALID_PAYLOAD,
                                "interactive message without options");
                    }
                    JsonArray replies = new JsonArray();
                    options.forEach(o -> replies.add(new JsonObject().put("content_type", "text")
                            .put("title", o.getTitle()).put("payload", o.getId())));
                    return new JsonObject().put("text", interactive.getBody()).put("quick_replies", replies);
                }
                default -> {
                    if (interactive.getCtaUrl() == null) {
                        throw new UnsendableCommandException(HubErrorCode.INVALID_PAYLOAD,
                                "cta_url message without a URL");
                    }
                    JsonArray buttons = new JsonArray().add(new JsonObject().put("type", "web_url")
                            .put("url", interactive.getCtaUrl())
                            .put("title", interactive.getCtaTitle() == null ? "Open" : interactive.getCtaTitle()));
                    options.forEach(o -> buttons.add(new JsonObject().put("type", "postback")
                            .put("title", o.getTitle()).put("payload", o.getId())));
                    JsonObject payload = new JsonObject().put("template_type", "button")
                            .put("text", interactive.getBody()).put("buttons", buttons);
                    return new JsonObject().put("attachment",
                            new JsonObject().put("type", "template").put("payload", payload));
                }
            }
        }
    }
}
