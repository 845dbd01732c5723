package io.igrelay.sandbox.send;

import static io.igrelay.sandbox.send.SendRequestParser.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * The documented attachment shapes of Instagram messaging: media by URL, the like_heart sticker, and the generic
 * (1-10 elements, each with a title and at most 3 buttons) and button (text plus 1-3 buttons) templates.
 */
final class AttachmentRules {
    private static final Set<String> BUTTON_TYPES = Set.of("web_url", "postback");

    private AttachmentRules() {
    }

    static SendRequest.Kind check(JsonNode att, Set<String> media) throws InvalidSendException {
        String type = att.path("type").asText("");
        if (media.contains(type)) {
            String url = att.path("payload").path("url").asText("");
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw invalid("param message[attachment][payload][url] must be a valid URL");
            }
            return type.equals("audio") || type.equals("video")
                    ? SendRequest.Kind.AUDIO_VIDEO : SendRequest.Kind.ATTACHMENT;
        }
        if (type.equals("like_heart")) {
            return SendRequest.Kind.ATTACHMENT;
        }
        if (type.equals("template")) {
            checkTemplate(att.path("payload"));
            return SendRequest.Kind.ATTACHMENT;
        }
        throw invalid("param message[attachment][type] must be one of {image, video, audio, file, like_heart, "
                + "template}");
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

    private static void checkButtons(JsonNode buttons) throws InvalidSendException {
        if (!buttons.isArray() || buttons.isEmpty() || buttons.size() > 3) {
            throw invalid("param buttons must be an array of 1 to 3 elements");
        }
        for (JsonNode b : buttons) {
            String type = b.path("type").asText("");
            if (!BUTTON_TYPES.contains(type) || b.path("title").asText("").isEmpty()) {
                throw invalid("param buttons[type] must be web_url or postback, with a title");
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
