package io.igrelay.sandbox.send;

import com.fasterxml.jackson.databind.JsonNode;
import io.igrelay.sandbox.wire.GraphErrorBody;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Validates a Send API body against Meta's documented shape: recipient.id (or recipient.comment_id for a private
 * reply); exactly one of message / sender_action;
 * text at most 1000 UTF-8 bytes; an attachment image|video|audio|file with payload.url or payload.attachment_id,
 * MEDIA_SHARE with payload.id, like_heart, template generic|button; several images as message.attachments (at most
 * 10); a quote reply as message.reply_to.mid; at most 13 quick replies; sender actions with their payload;
 * messaging_type and the HUMAN_AGENT tag in the body form of each host (Instagram Login: top-level tag; Facebook
 * Login: MESSAGE_TAG plus tag). Sources are listed in sandbox/README.md.
 */
public final class SendRequestParser {
    public static final int MAX_TEXT_BYTES = 1000;
    public static final int MAX_QUICK_REPLIES = 13;
    private static final Set<String> MEDIA = Set.of("image", "video", "audio", "file");
    private static final Set<String> ACTIONS = Set.of("typing_on", "typing_off", "mark_seen", "react", "unreact");
    private static final Set<String> MESSAGING_TYPES = Set.of("RESPONSE", "UPDATE", "MESSAGE_TAG");

    private SendRequestParser() {
    }

    public static SendRequest parse(JsonNode body, boolean instagramHost) throws InvalidSendException {
        if (body == null || !body.isObject()) {
            throw invalid("Invalid JSON for postdata");
        }
        String recipient = body.path("recipient").path("id").asText("");
        String commentId = body.path("recipient").path("comment_id").asText("");
        if (recipient.isEmpty() == commentId.isEmpty()) {
            throw invalid(recipient.isEmpty() ? "The parameter recipient is required"
                    : "recipient must have exactly one of id and comment_id");
        }
        JsonNode message = body.get("message");
        JsonNode action = body.get("sender_action");
        if ((message == null) == (action == null)) {
            throw invalid("Must send either message or sender_action");
        }
        if (!commentId.isEmpty()) {
            return privateReply(commentId, message, textOrNull(body, "messaging_type"), textOrNull(body, "tag"));
        }
        String messagingType = textOrNull(body, "messaging_type");
        String tag = textOrNull(body, "tag");
        checkMessagingType(messagingType, tag, instagramHost);
        if (action != null) {
            if (tag != null) {
                throw invalid("Tags can only be used with messages, not with sender_action");
            }
            return senderAction(recipient, action.asText(), body.path("payload"), messagingType);
        }
        if (!message.isObject()) {
            throw invalid("param message must be an object");
        }
        SendRequest.Kind kind = messageKind(message);
        return new SendRequest(recipient, kind, null, messagingType, tag, message, null);
    }

    /**
     * A private reply (https://developers.facebook.com/docs/instagram-platform/private-replies): a message (text, or
     * an attachment Meta allows in a DM) to {@code recipient.comment_id}; no sender action and no tag.
     */
    private static SendRequest privateReply(String commentId, JsonNode message, String messagingType, String tag)
            throws InvalidSendException {
        if (message == null || !message.isObject()) {
            throw invalid("A private reply must send a message");
        }
        if (tag != null) {
            throw invalid("Tags cannot be used with a private reply");
        }
        return new SendRequest(null, messageKind(message), null, messagingType, null, message, null, commentId);
    }

    private static void checkMessagingType(String type, String tag, boolean instagramHost)
            throws InvalidSendException {
        if (type != null && !MESSAGING_TYPES.contains(type)) {
            throw invalid("param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG}");
        }
        if (tag != null && !tag.equals("HUMAN_AGENT")) {
            throw invalid("param tag must be HUMAN_AGENT for Instagram messaging");
        }
        if ("MESSAGE_TAG".equals(type) && tag == null) {
            throw invalid("param tag is required when messaging_type is MESSAGE_TAG");
        }
        if (tag != null && !instagramHost && !"MESSAGE_TAG".equals(type)) {
            throw invalid("param messaging_type must be MESSAGE_TAG when tag is set");
        }
        if (tag != null && instagramHost && type != null && !type.equals("MESSAGE_TAG")) {
            throw invalid("param messaging_type must be MESSAGE_TAG or absent when tag is set");
        }
    }

    private static SendRequest senderAction(String recipient, String action, JsonNode payload, String type)
            throws InvalidSendException {
        if (!ACTIONS.contains(action)) {
            throw invalid("param sender_action must be one of {typing_on, typing_off, mark_seen, react, unreact}");
        }
        String mid = null;
        if (action.equals("react") || action.equals("unreact")) {
            mid = payload.path("message_id").asText("");
            if (mid.isEmpty()) {
                throw invalid("param payload[message_id] is required for " + action);
            }
            if (action.equals("react") && payload.path("reaction").asText("").isEmpty()) {
                throw invalid("param payload[reaction] is required for react");
            }
        }
        return new SendRequest(recipient, SendRequest.Kind.SENDER_ACTION, action, type, null, null, mid);
    }

    private static SendRequest.Kind messageKind(JsonNode message) throws InvalidSendException {
        JsonNode text = message.get("text");
        JsonNode attachment = message.get("attachment");
        JsonNode attachments = message.get("attachments");
        int kinds = (text == null ? 0 : 1) + (attachment == null ? 0 : 1) + (attachments == null ? 0 : 1);
        if (kinds != 1) {
            throw invalid("Must send either message[text], message[attachment] or message[attachments]");
        }
        JsonNode replyTo = message.get("reply_to");
        if (replyTo != null && replyTo.path("mid").asText("").isEmpty()) {
            throw invalid("param message[reply_to][mid] must be a non-empty string");
        }
        if (attachments != null) {
            return AttachmentRules.checkSeveral(attachments);
        }
        JsonNode quickReplies = message.get("quick_replies");
        if (quickReplies != null) {
            checkQuickReplies(quickReplies, text != null);
        }
        if (text != null) {
            if (!text.isTextual() || text.textValue().isEmpty()) {
                throw invalid("param message[text] must be a non-empty string");
            }
            if (text.textValue().getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
                throw invalid("Length of param message[text] must be less than or equal to 1000");
            }
            return SendRequest.Kind.TEXT;
        }
        return AttachmentRules.check(attachment, MEDIA);
    }

    private static void checkQuickReplies(JsonNode qrs, boolean withText) throws InvalidSendException {
        if (!withText) {
            throw invalid("param message[quick_replies] can only be sent with message[text]");
        }
        if (!qrs.isArray() || qrs.isEmpty() || qrs.size() > MAX_QUICK_REPLIES) {
            throw invalid("param message[quick_replies] must be an array of 1 to 13 elements");
        }
        for (JsonNode qr : qrs) {
            if (!"text".equals(qr.path("content_type").asText())) {
                throw invalid("param message[quick_replies][content_type] must be text");
            }
            if (qr.path("title").asText("").isEmpty() || qr.path("payload").asText("").isEmpty()) {
                throw invalid("param message[quick_replies] elements need a title and a payload");
            }
        }
    }

    static String textOrNull(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    static InvalidSendException invalid(String message) {
        return new InvalidSendException(GraphErrorBody.invalidParam(message));
    }
}
