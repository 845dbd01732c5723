package io.igrelay.dispatcher.graph;

import io.igrelay.avro.TemplateButton;
import io.igrelay.avro.TemplateButtonType;
import io.igrelay.avro.TemplateElement;
import io.igrelay.schemas.contract.HubErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/*
 * The generic template (one card, or a carousel of up to 10) as Meta documents it for both hosts:
 * message.attachment{type: template, payload{template_type: generic, elements[{title, subtitle, image_url,
 * default_action{type: web_url, url}, buttons[{type: web_url, url, title} | {type: postback, title, payload}]}]}}.
 * https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api/generic-template
 * https://developers.facebook.com/docs/messenger-platform/instagram/features/generic-template
 */
final class GenericTemplateBody {

    private GenericTemplateBody() {
    }

    static JsonObject of(List<TemplateElement> elements) {
        JsonArray cards = new JsonArray();
        for (TemplateElement element : elements) {
            JsonObject card = new JsonObject().put("title", element.getTitle());
            putIfPresent(card, "image_url", element.getImageUrl());
            putIfPresent(card, "subtitle", element.getSubtitle());
            if (element.getDefaultActionUrl() != null) {
                card.put("default_action", new JsonObject().put("type", "web_url")
                        .put("url", element.getDefaultActionUrl()));
            }
            if (!element.getButtons().isEmpty()) {
                JsonArray buttons = new JsonArray();
                element.getButtons().forEach(b -> buttons.add(button(b)));
                card.put("buttons", buttons);
            }
            cards.add(card);
        }
        JsonObject payload = new JsonObject().put("template_type", "generic").put("elements", cards);
        return new JsonObject().put("attachment", new JsonObject().put("type", "template").put("payload", payload));
    }

    private static JsonObject button(TemplateButton button) {
        if (button.getType() == TemplateButtonType.WEB_URL) {
            if (button.getUrl() == null) {
                throw new UnsendableCommandException(HubErrorCode.INVALID_PAYLOAD, "web_url button without a URL");
            }
            return new JsonObject().put("type", "web_url").put("url", button.getUrl()).put("title", button.getTitle());
        }
        if (button.getPayload() == null) {
            throw new UnsendableCommandException(HubErrorCode.INVALID_PAYLOAD, "postback button without a payload");
        }
        return new JsonObject().put("type", "postback").put("title", button.getTitle())
                .put("payload", button.getPayload());
    }

    private static void putIfPresent(JsonObject json, String key, String value) {
        if (value != null) {
            json.put(key, value);
        }
    }
}
