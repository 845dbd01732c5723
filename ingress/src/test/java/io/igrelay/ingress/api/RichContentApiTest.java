package io.igrelay.ingress.api;

import static io.igrelay.ingress.api.ApiTestBed.CHANNEL;
import static io.igrelay.ingress.api.ApiTestBed.IGSID;
import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.InteractiveContent;
import io.igrelay.avro.MediaContent;
import io.igrelay.avro.MediaKind;
import io.igrelay.avro.OutboundMessage;
import io.igrelay.avro.TemplateButtonType;
import io.igrelay.avro.TemplateElement;
import io.igrelay.ingress.config.ApiSettings;
import io.igrelay.schemas.topics.Topics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Files, several images, reusable attachments, post shares, generic templates and quote replies through the OpenAPI
 * document and the content rules: how each maps onto the OutboundMessage, and each of Meta's limits refused with a
 * 400 naming the field before anything is enqueued.
 */
class RichContentApiTest {

    private static ApiTestBed bed;

    @BeforeAll
    static void start() {
        bed = new ApiTestBed(new ApiSettings(1000, Duration.ofHours(24), Duration.ofSeconds(1), 64 * 1024));
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    @BeforeEach
    void openWindow() {
        bed.publisher.records.clear();
        bed.publisher.failing = false;
        bed.processor.down = false;
        bed.processor.window(IGSID, CHANNEL, "OPEN");
    }

    private static String request(String content) {
        return "{\"from\":\"@acme.store\",\"to\":\"" + IGSID + "\",\"content\":" + content + "}";
    }

    private static OutboundMessage onlyOutbound() {
        assertThat(bed.publisher.valuesOn(Topics.OUTBOUND_REQUESTS)).hasSize(1);
        return (OutboundMessage) bed.publisher.valuesOn(Topics.OUTBOUND_REQUESTS).get(0);
    }

    /** A 400 whose message starts with {@code field}, and nothing enqueued. */
    private static void assertRefused(String body, String field) {
        HttpResponse<String> response = bed.post(body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getString("errorMessage")).as(response.body()).startsWith(field);
        assertThat(bed.publisher.valuesOn(Topics.OUTBOUND_REQUESTS)).isEmpty();
    }

    private static String images(int n) {
        return IntStream.range(0, n).mapToObj(i -> "\"https://i.example/" + i + ".jpg\"")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static String card(String title) {
        return "{\"title\":\"" + title + "\",\"buttons\":[{\"type\":\"postback\",\"title\":\"Pick\",\"payload\":\"P\"}]}";
    }

    private static String template(int cards) {
        return "{\"template\":{\"elements\":" + IntStream.range(0, cards).mapToObj(i -> card("Card " + i))
                .collect(Collectors.joining(",", "[", "]")) + "}}";
    }

    @Test
    void shouldMapAFileUrlToFileMedia() {
        assertThat(bed.post(request("{\"fileUrl\":\"https://d.example/invoice.pdf\"}")).statusCode()).isEqualTo(202);

        MediaContent media = (MediaContent) onlyOutbound().getContent();
        assertThat(media.getKind()).isEqualTo(MediaKind.FILE);
        assertThat(media.getUrl()).isEqualTo("https://d.example/invoice.pdf");
    }

    @Test
    void shouldMapSeveralImagesWithTheFirstAlsoInUrl() {
        assertThat(bed.post(request("{\"imageUrls\":" + images(3) + ",\"text\":\"cap\"}")).statusCode())
                .isEqualTo(202);

        MediaContent media = (MediaContent) onlyOutbound().getContent();
        assertThat(media.getItems()).containsExactly("https://i.example/0.jpg", "https://i.example/1.jpg",
                "https://i.example/2.jpg");
        assertThat(media.getUrl()).isEqualTo("https://i.example/0.jpg");
        assertThat(media.getCaption()).isEqualTo("cap");
    }

    @Test
    void shouldMapAnAttachmentIdAndAPostShare() {
        assertThat(bed.post(request("{\"attachment\":{\"type\":\"video\",\"attachmentId\":\"1857777774821032\"}}"))
                .statusCode()).isEqualTo(202);
        MediaContent byId = (MediaContent) onlyOutbound().getContent();
        assertThat(byId.getKind()).isEqualTo(MediaKind.VIDEO);
        assertThat(byId.getAttachmentId()).isEqualTo("1857777774821032");

        bed.publisher.records.clear();
        assertThat(bed.post(request("{\"mediaShare\":{\"postId\":\"18027939643230682\"}}")).statusCode())
                .isEqualTo(202);
        assertThat(((MediaContent) onlyOutbound().getContent()).getPostId()).isEqualTo("18027939643230682");
    }

    @Test
    void shouldMapAGenericTemplateCardByCard() {
        String content = "{\"template\":{\"elements\":[{\"title\":\"Tote\",\"subtitle\":\"Olive\","
                + "\"imageUrl\":\"https://i.example/t.jpg\",\"defaultActionUrl\":\"https://s.example/t\","
                + "\"buttons\":[{\"type\":\"web_url\",\"title\":\"View\",\"url\":\"https://s.example/t\"},"
                + "{\"type\":\"postback\",\"title\":\"Reserve\",\"payload\":\"RESERVE\"}]}," + card("Bag") + "]}}";
        assertThat(bed.post(request(content)).statusCode()).isEqualTo(202);

        InteractiveContent interactive = (InteractiveContent) onlyOutbound().getContent();
        assertThat(interactive.getElements()).extracting(TemplateElement::getTitle).containsExactly("Tote", "Bag");
        TemplateElement first = interactive.getElements().get(0);
        assertThat(first.getSubtitle()).isEqualTo("Olive");
        assertThat(first.getDefaultActionUrl()).isEqualTo("https://s.example/t");
        assertThat(first.getButtons()).extracting(b -> b.getType())
                .containsExactly(TemplateButtonType.WEB_URL, TemplateButtonType.POSTBACK);
        assertThat(interactive.getCtaUrl()).as("an older reader refuses it instead of sending a CTA").isNull();
    }

    @Test
    void shouldCarryReplyToOnTheOutboundMessage() {
        String body = "{\"from\":\"acme.store\",\"to\":\"" + IGSID + "\",\"content\":{\"text\":\"yes\"},"
                + "\"replyTo\":\"aWdfZAG1faWQ6MTIz\"}";
        assertThat(bed.post(body).statusCode()).isEqualTo(202);

        assertThat(onlyOutbound().getReplyTo()).isEqualTo("aWdfZAG1faWQ6MTIz");
    }

    @Test
    void shouldRefuseMoreThanTenImages() {
        assertThat(bed.post(request("{\"imageUrls\":" + images(10) + "}")).statusCode()).isEqualTo(202);
        bed.publisher.records.clear();

        assertRefused(request("{\"imageUrls\":" + images(11) + "}"), "content.imageUrls");
    }

    @Test
    void shouldRefuseASingleImageInImageUrls() {
        assertRefused(request("{\"imageUrls\":" + images(1) + "}"), "content.imageUrls");
    }

    @Test
    void shouldRefuseAFileUrlThatIsNoUrl() {
        assertRefused(request("{\"fileUrl\":\"invoice.pdf\"}"), "content.fileUrl");
    }

    @Test
    void shouldRefuseAnAttachmentIdThatIsNotMetas() {
        assertRefused(request("{\"attachment\":{\"type\":\"image\",\"attachmentId\":\"abc\"}}"),
                "content.attachment.attachmentId");
        assertRefused(request("{\"attachment\":{\"type\":\"sticker\",\"attachmentId\":\"1\"}}"),
                "content.attachment.type");
    }

    @Test
    void shouldRefuseAPostShareWithoutANumericPostId() {
        assertRefused(request("{\"mediaShare\":{\"postId\":\"https://instagram.com/p/x\"}}"),
                "content.mediaShare.postId");
    }

    @Test
    void shouldRefuseElevenCardsAndAcceptTen() {
        assertThat(bed.post(request(template(10))).statusCode()).isEqualTo(202);
        bed.publisher.records.clear();

        assertRefused(request(template(11)), "content.template.elements");
    }

    @Test
    void shouldRefuseATemplateWithoutCards() {
        assertRefused(request("{\"template\":{\"elements\":[]}}"), "content.template.elements");
    }

    @Test
    void shouldRefuseACardTitleOrSubtitleOver80Characters() {
        assertRefused(request("{\"template\":{\"elements\":[" + card("x".repeat(81)) + "]}}"),
                "content.template.elements[0].title");
        assertRefused(request("{\"template\":{\"elements\":[{\"title\":\"T\",\"subtitle\":\"" + "y".repeat(81)
                + "\"}]}}"), "content.template.elements[0].subtitle");
    }

    @Test
    void shouldRefuseAFourthButtonOnACard() {
        String button = "{\"type\":\"postback\",\"title\":\"B\",\"payload\":\"P\"}";
        JsonArray buttons = new JsonArray();
        for (int i = 0; i < 4; i++) {
            buttons.add(new JsonObject(button));
        }
        assertRefused(request("{\"template\":{\"elements\":[{\"title\":\"T\",\"buttons\":" + buttons.encode()
                + "}]}}"), "content.template.elements[0].buttons");
    }

    @Test
    void shouldRefuseAButtonTitleOver20CharactersAndAPayloadOver1000() {
        assertRefused(request("{\"template\":{\"elements\":[{\"title\":\"T\",\"buttons\":[{\"type\":\"postback\","
                + "\"title\":\"" + "b".repeat(21) + "\",\"payload\":\"P\"}]}]}}"),
                "content.template.elements[0].buttons[0].title");
        assertRefused(request("{\"template\":{\"elements\":[{\"title\":\"T\",\"buttons\":[{\"type\":\"postback\","
                + "\"title\":\"B\",\"payload\":\"" + "p".repeat(1001) + "\"}]}]}}"),
                "content.template.elements[0].buttons[0].payload");
    }

    @Test
    void shouldRefuseAWebUrlButtonWithoutUrlAndAPostbackWithoutPayload() {
        assertRefused(request("{\"template\":{\"elements\":[{\"title\":\"T\",\"buttons\":[{\"type\":\"web_url\","
                + "\"title\":\"B\"}]}]}}"), "content.template.elements[0].buttons[0]");
        assertRefused(request("{\"template\":{\"elements\":[{\"title\":\"T\",\"buttons\":[{\"type\":\"postback\","
                + "\"title\":\"B\"}]}]}}"), "content.template.elements[0].buttons[0]");
    }

    @Test
    void shouldRefuseAQuoteReplyOnASenderAction() {
        assertRefused("{\"from\":\"acme.store\",\"to\":\"" + IGSID + "\",\"content\":{\"typing\":\"on\"},"
                + "\"replyTo\":\"aWdfZAG1faWQ6MTIz\"}", "replyTo");
    }

    @Test
    void shouldRefuseAnEmptyQuoteReply() {
        assertRefused("{\"from\":\"acme.store\",\"to\":\"" + IGSID + "\",\"content\":{\"text\":\"x\"},"
                + "\"replyTo\":\"\"}", "replyTo");
    }

    @Test
    void shouldRefuseAFileWithACaption() {
        assertRefused(request("{\"fileUrl\":\"https://d.example/a.pdf\",\"text\":\"cap\"}"), "content:");
    }
}
