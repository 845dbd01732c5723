package io.igrelay.dispatcher;

import io.igrelay.avro.InteractiveContent;
import io.igrelay.avro.InteractiveType;
import io.igrelay.avro.MediaContent;
import io.igrelay.avro.MediaKind;
import io.igrelay.avro.TemplateButton;
import io.igrelay.avro.TemplateButtonType;
import io.igrelay.avro.TemplateElement;
import java.util.List;

/*
 * The richer content kinds as the API writes them (several images, a file by reusable attachment id, a share of the
 * business's own post, generic templates), with the values of src/test/resources/meta/send-request-*.json and
 * meta-fixtures/send-request-generic-template.json, so a test states only which kind it sends.
 */
public final class RichContents {

    private RichContents() {
    }

    public static MediaContent images() {
        List<String> urls = List.of("https://cdn.fixture-shop.example/media/tote-olive-front.jpg",
                "https://cdn.fixture-shop.example/media/tote-olive-back.jpg",
                "https://cdn.fixture-shop.example/media/tote-olive-inside.jpg");
        return MediaContent.newBuilder().setKind(MediaKind.IMAGE).setUrl(urls.get(0)).setItems(urls).build();
    }

    public static MediaContent fileById() {
        return MediaContent.newBuilder().setKind(MediaKind.FILE).setUrl("").setAttachmentId("1857777774821032")
                .build();
    }

    public static MediaContent postShare() {
        return MediaContent.newBuilder().setKind(MediaKind.IMAGE).setUrl("").setPostId("18027939643230682").build();
    }

    public static InteractiveContent singleCard() {
        return template(List.of(olive()));
    }

    public static InteractiveContent carousel() {
        return template(List.of(olive(), TemplateElement.newBuilder().setTitle("Linen tote, sand")
                .setImageUrl("https://cdn.fixture-shop.example/img/linen-tote-sand.jpg")
                .setButtons(List.of(postback("Reserve one", "RESERVE_TOTE_SAND"))).build()));
    }

    public static InteractiveContent template(List<TemplateElement> elements) {
        return InteractiveContent.newBuilder().setType(InteractiveType.CTA_URL).setBody(elements.get(0).getTitle())
                .setElements(elements).build();
    }

    private static TemplateElement olive() {
        String page = "https://fixture-shop.example/products/linen-tote-olive";
        return TemplateElement.newBuilder().setTitle("Linen tote, olive").setSubtitle("Handmade, 38 x 42 cm")
                .setImageUrl("https://cdn.fixture-shop.example/img/linen-tote-olive.jpg").setDefaultActionUrl(page)
                .setButtons(List.of(TemplateButton.newBuilder().setType(TemplateButtonType.WEB_URL)
                                .setTitle("View product").setUrl(page).build(),
                        postback("Reserve one", "RESERVE_TOTE_OLIVE"))).build();
    }

    private static TemplateButton postback(String title, String payload) {
        return TemplateButton.newBuilder().setType(TemplateButtonType.POSTBACK).setTitle(title).setPayload(payload)
                .build();
    }
}
