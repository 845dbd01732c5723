package io.igrelay.sandbox.send;

import static io.igrelay.sandbox.send.SendRequestParser.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * The documented attachment shapes of Instagram messaging: media by URL or reusable attachment_id, several images
 * (at most 10), a share of the account's own post (MEDIA_SHARE), the like_heart sticker, and the generic (1-10
 * elements, title and subtitle at most 80 characters, at most 3 buttons) and button (text plus 1-3 buttons)
 * templates; button titles at most 20 characters, postback payloads at most 1000. Sources: sandbox/README.md.
 */
final class AttachmentRules {
    static final int MAX_IMAGES = 10;
    static final int MAX_CARD_TEXT = 80;
    static final int MAX_BUTTON_TITLE = 20;
    static final int MAX_POSTBACK_PAYLOAD = 1000;
    private static final Set<String> BUTTON_TYPES = Set.of("web_url", "postback");

    private AttachmentRules() {
    }

    static SendRequest.Kind check(JsonNode att, Set<String> media) throws InvalidSendException {
        String type = att.path("type").asText("");
        if (media.contains(type)) {
            JsonNode payload = att.path("payload");
            if (payload.has("attachment_id")) {
                if (!payload.path("attachment_id").asText("").matches("[0-9]+")) {
                    throw invalid("param message[attachment][payload][attachment_id] must be a valid attachment id");
                }
            } else {
                checkUrl(payload, "message[attachment][payload][url]");
            }
            return type.equals("audio") || type.equals("video")
                    ? SendRequest.Kind.AUDIO_VIDEO : SendRequest.Kind.ATTACHMENT;
        }
        if (type.equals("MEDIA_SHARE")) {
            if (!att.path("payload").path("id").asText("").matches("[0-9]+")) {
                throw invalid("param message[attachment][payload][id] must be the id of a post of this account");
            }
            return SendRequest.Kind.ATTACHMENT;
        }
        if (type.equals("like_heart")) {
            return SendRequest.Kind.ATTACHMENT;
        }
        if (type.equals("template")) {
            checkTemplate(att.path("payload"));
            return SendRequest.Kind.ATTACHMENT;
        }
        throw invalid("param message[attachment][type] must be one of {image, video, audio, file, like_heart, "
                + "MEDIA_SHARE, template}");
    }

    /** Several images in one message: message.attachments, 1 to 10 images by URL. */
    static SendRequest.Kind checkSeveral(JsonNode attachments) throws InvalidSendException {
        if (!attachments.isArray() || attachments.isEmpty() || attachments.size() > MAX_IMAGES) {
            throw invalid("param message[attachments] must be an array of 1 to " + MAX_IMAGES + " elements");
        }
        for (JsonNode att : attachments) {
            if (!"image".equals(att.path("type").asText(""))) {
                throw invalid("param message[attachments][type] must be image");
            }
            checkUrl(att.path("payload"), "message[attachments][payload][url]");
        }
        return SendRequest.Kind.ATTACHMENT;
    }

    private static void checkUrl(JsonNode payload, String param) throws InvalidSendException {
        String url = payload.path("url").asText("");
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw invalid("param " + param + " must be a valid URL");
        }
    }

    private static void checkTemplate(JsonNode payload) throws InvalidSendException {
        String templateType = payload.path("template_type").asText("");
        switch (templateType) {
            case "generic" -> {
                JsonNode elements = payload.path("elements");
                if (!elements.isArray() || elements.isEmpty() || elements.size() > 10) {
                    throw invalid("param payload[elements] must be an array of 1 to 10 elements");
                }
                for (JsonNode e : elements) {
                    if (e.path("title").asText("").isEmpty()) {
                        throw invalid("param payload[elements][title] is required");
                    }
                    if (length(e, "title") > MAX_CARD_TEXT || length(e, "subtitle") > MAX_CARD_TEXT) {
                        throw invalid("param payload[elements][title] and [subtitle] must be at most "
                                + MAX_CARD_TEXT + " characters");
                    }
                    if (e.has("buttons")) {
                        checkButtons(e.get("buttons"));
                    }
                }
            }
            case "button" -> {
                if (payload.path("text").asText("").isEmpty()) {
                    throw invalid("param payload[text] is required");
                }
                checkButtons(payload.path("buttons"));
            }
            default -> throw invalid("param payload[template_type] must be one of {generic, button}");
        }
    }

    private static int length(JsonNode node, String field) {
        String value = node.path(field).asText("");
        return value.codePointCount(0, value.length());
    }

    private static void checkButtons(JsonNode buttons) throws InvalidSendException {
        if (!buttons.isArray() || buttons.isEmpty() || buttons.size() > 3) {
            throw invalid("param buttons must be an array of 1 to 3 elements");
        }
        for (JsonNode b : buttons) {
            String type = b.path("type").asText("");
            if (!BUTTON_TYPES.contains(type) || b.path("title").asText("").isEmpty()) {
                throw invalid("param buttons[type] must be web_url or postback, with a title");
            }
            if (length(b, "title") > MAX_BUTTON_TITLE) {
                throw invalid("param buttons[title] must be at most " + MAX_BUTTON_TITLE + " characters");
            }
            if (length(b, "payload") > MAX_POSTBACK_PAYLOAD) {
                throw invalid("param buttons[payload] must be at most " + MAX_POSTBACK_PAYLOAD + " characters");
            }
            if (type.equals("web_url") && b.path("url").asText("").isEmpty()) {
                throw invalid("param buttons[url] is required for web_url buttons");
            }
            if (type.equals("postback") && b.path("payload").asText("").isEmpty()) {
                throw invalid("param buttons[payload] is required for postback buttons");
            }
        }
    }
}
