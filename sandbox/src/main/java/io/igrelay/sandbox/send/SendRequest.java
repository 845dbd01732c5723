package io.igrelay.sandbox.send;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Send API body after validation: who it goes to, what it is (for the rate bucket and the echo), and whether it
 * carries the HUMAN_AGENT tag. {@code message} is the original "message" object (echoed back as is). A private reply
 * names the comment instead of the user ({@code commentId}; {@code recipientId} is then null until resolved).
 */
public record SendRequest(String recipientId, Kind kind, String senderAction, String messagingType, String tag,
        JsonNode message, String reactionMid, String commentId) {

    public SendRequest(String recipientId, Kind kind, String senderAction, String messagingType, String tag,
            JsonNode message, String reactionMid) {
        this(recipientId, kind, senderAction, messagingType, tag, message, reactionMid, null);
    }

    /** A private reply: addressed to a comment ({@code recipient.comment_id}) instead of a user. */
    public boolean privateReply() {
        return commentId != null;
    }

    public enum Kind { TEXT, ATTACHMENT, AUDIO_VIDEO, SENDER_ACTION }

    public boolean humanAgent() {
        return "HUMAN_AGENT".equals(tag);
    }

    public boolean isMessage() {
        return kind != Kind.SENDER_ACTION;
    }

    public boolean mediaBucket() {
        return kind == Kind.AUDIO_VIDEO;
    }

    /** A short label for the inspection log: text, image, template, react, mark_seen, ... */
    public String label() {
        if (kind == Kind.SENDER_ACTION) {
            return senderAction;
        }
        JsonNode att = message.get("attachment");
        if (att != null) {
            return att.path("type").asText();
        }
        if (message.has("attachments")) {
            return "attachments";
        }
        return message.has("quick_replies") ? "quick_replies" : "text";
    }
}
