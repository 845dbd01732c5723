package io.igrelay.ingress.api;

import io.igrelay.avro.InteractiveContent;
import io.igrelay.avro.InteractiveType;
import io.igrelay.avro.TemplateButton;
import io.igrelay.avro.TemplateButtonType;
import io.igrelay.avro.TemplateElement;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps the API's {@code content.template} (already validated: 1-10 cards, each with a title and at most 3 buttons)
 * onto InteractiveContent.elements. The carrier's type is CTA_URL without a URL, so a reader that predates the
 * elements field refuses the message as unsendable instead of sending something else.
 */
final class GenericTemplates {

    private GenericTemplates() {
    }

    static InteractiveContent from(JsonObject template) {
        List<TemplateElement> elements = new ArrayList<>();
        for (Object e : template.getJsonArray("elements")) {
            JsonObject element = (JsonObject) e;
            List<TemplateButton> buttons = new ArrayList<>();
            for (Object b : element.getJsonArray("buttons", new JsonArray())) {
                JsonObject button = (JsonObject) b;
                buttons.add(TemplateButton.newBuilder()
                        .setType(TemplateButtonType.valueOf(button.getString("type").toUpperCase(Locale.ROOT)))
                        .setTitle(button.getString("title")).setUrl(button.getString("url"))
                        .setPayload(button.getString("payload")).build());
            }
            elements.add(TemplateElement.newBuilder().setTitle(element.getString("title"))
                    .setSubtitle(element.getString("subtitle")).setImageUrl(element.getString("imageUrl"))
                    .setDefaultActionUrl(element.getString("defaultActionUrl")).setButtons(buttons).build());
        }
        return OutboundContent.interactive(InteractiveType.CTA_URL, elements.get(0).getTitle(), List.of())
                .setElements(elements).build();
    }
}
