package io.igrelay.sandbox.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.igrelay.sandbox.wire.GraphErrorBody;
import io.igrelay.sandbox.wire.MetaJson;
import java.util.Set;

/**
 * The documented limits of an Instagram account's Messenger Profile: ice breakers per locale at most 4 questions,
 * a {@code default} locale required, the old unlocalized format or the new one but not both in one call; a persistent
 * menu per locale with a {@code default} locale, at most 20 items of type web_url (with url) or postback (with
 * payload), titles at most 30 characters, payloads at most 1000, no {@code composer_input_disabled} on Instagram.
 * Returns the value as GET later answers it (the old format becomes the default locale's questions).
 * https://developers.facebook.com/docs/messenger-platform/instagram/features/ice-breakers,
 * https://developers.facebook.com/docs/messenger-platform/reference/messenger-profile-api/ice-breakers,
 * https://developers.facebook.com/docs/messenger-platform/instagram/features/persistent-menu,
 * https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages/persistent-menu
 */
final class MessagingProfileRules {
    static final int MAX_QUESTIONS = 4;
    static final int MAX_MENU_ITEMS = 20;
    static final int MAX_TITLE = 30;
    static final int MAX_PAYLOAD = 1000;
    private static final Set<String> MENU_TYPES = Set.of("web_url", "postback");

    private MessagingProfileRules() {
    }

    static JsonNode iceBreakers(JsonNode value) throws GraphAuth.Denied {
        if (!value.isArray() || value.isEmpty()) {
            throw denied("param ice_breakers must be a non-empty array");
        }
        boolean oldFormat = value.get(0).has("question");
        ArrayNode out = MetaJson.object().arrayNode();
        if (oldFormat) {
            ObjectNode locale = MetaJson.object();
            ArrayNode questions = locale.putArray("call_to_actions");
            for (JsonNode q : value) {
                if (q.has("call_to_actions")) {
                    throw denied("One POST request can have the existing format OR the new format but not both");
                }
                questions.add(question(q));
            }
            checkCount(questions.size());
            locale.put("locale", "default");
            return out.add(locale);
        }
        boolean hasDefault = false;
        for (JsonNode locale : value) {
            if (locale.has("question")) {
                throw denied("One POST request can have the existing format OR the new format but not both");
            }
            JsonNode actions = locale.path("call_to_actions");
            if (!actions.isArray() || actions.isEmpty()) {
                throw denied("param ice_breakers[call_to_actions] must be a non-empty array");
            }
            checkCount(actions.size());
            ObjectNode copy = MetaJson.object();
            ArrayNode questions = copy.putArray("call_to_actions");
            for (JsonNode q : actions) {
                questions.add(question(q));
            }
            String name = locale.path("locale").asText("");
            hasDefault |= name.equals("default");
            copy.put("locale", name);
            out.add(copy);
        }
        if (!hasDefault) {
            throw denied("param ice_breakers must have a default locale");
        }
        return out;
    }

    static JsonNode persistentMenu(JsonNode value) throws GraphAuth.Denied {
        if (!value.isArray() || value.isEmpty()) {
            throw denied("param persistent_menu must be a non-empty array");
        }
        boolean hasDefault = false;
        for (JsonNode locale : value) {
            hasDefault |= locale.path("locale").asText("").equals("default");
            if (locale.has("composer_input_disabled")) {
                throw denied("param persistent_menu[composer_input_disabled] is not available on Instagram");
            }
            JsonNode items = locale.path("call_to_actions");
            if (!items.isArray() || items.isEmpty() || items.size() > MAX_MENU_ITEMS) {
                throw denied("param persistent_menu[call_to_actions] must be an array of 1 to " + MAX_MENU_ITEMS
                        + " items");
            }
            for (JsonNode item : items) {
                menuItem(item);
            }
        }
        if (!hasDefault) {
            throw denied("param persistent_menu must have a default locale");
        }
        return value.deepCopy();
    }

    private static void menuItem(JsonNode item) throws GraphAuth.Denied {
        String type = item.path("type").asText("");
        if (!MENU_TYPES.contains(type)) {
            throw denied("param persistent_menu[call_to_actions][type] must be one of {web_url, postback}");
        }
        int title = length(item, "title");
        if (title == 0 || title > MAX_TITLE) {
            throw denied("param persistent_menu[call_to_actions][title] must be 1 to " + MAX_TITLE + " characters");
        }
        if (type.equals("web_url") && !item.path("url").asText("").matches("https?://\\S+")) {
            throw denied("param persistent_menu[call_to_actions][url] must be a valid URL");
        }
        if (type.equals("postback") && (length(item, "payload") == 0 || length(item, "payload") > MAX_PAYLOAD)) {
            throw denied("param persistent_menu[call_to_actions][payload] must be 1 to " + MAX_PAYLOAD
                    + " characters");
        }
    }

    private static ObjectNode question(JsonNode q) throws GraphAuth.Denied {
        if (length(q, "question") == 0) {
            throw denied("param ice_breakers[question] is required");
        }
        int payload = length(q, "payload");
        if (payload == 0 || payload > MAX_PAYLOAD) {
            throw denied("param ice_breakers[payload] must be 1 to " + MAX_PAYLOAD + " characters");
        }
        return MetaJson.object().put("question", q.get("question").asText()).put("payload", q.get("payload").asText());
    }

    private static void checkCount(int questions) throws GraphAuth.Denied {
        if (questions > MAX_QUESTIONS) {
            throw denied("param ice_breakers[call_to_actions] must have at most " + MAX_QUESTIONS + " questions");
        }
    }

    private static int length(JsonNode node, String field) {
        String v = node.path(field).asText("");
        return v.codePointCount(0, v.length());
    }

    private static GraphAuth.Denied denied(String message) {
        return new GraphAuth.Denied(GraphErrorBody.invalidParam(message));
    }
}
