package io.igrelay.ingress.api;

import static io.igrelay.ingress.api.ApiTestBed.CHANNEL;
import static io.igrelay.ingress.api.ApiTestBed.IGSID;
import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.Author;
import io.igrelay.avro.InteractiveContent;
import io.igrelay.avro.InteractiveType;
import io.igrelay.avro.MediaContent;
import io.igrelay.avro.MediaKind;
import io.igrelay.avro.OutboundMessage;
import io.igrelay.avro.ReactionContent;
import io.igrelay.avro.SenderAction;
import io.igrelay.avro.SenderActionContent;
import io.igrelay.avro.StickerContent;
import io.igrelay.ingress.config.ApiSettings;
import io.igrelay.schemas.topics.Topics;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every content kind of contract §5.2 through the OpenAPI document and the content rules: mapping and refusals. */
class MessageContentApiTest {

    private static ApiTestBed bed;

    @BeforeAll
    static void start() {
        bed = new ApiTestBed(new ApiSettings(1000, java.time.Duration.ofHours(24), java.time.Duration.ofSeconds(1),
                64 * 1024));
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

    private static MediaContent media(MediaKind kind, String url, String caption) {
        return MediaContent.newBuilder().setKind(kind).setUrl(url).setCaption(caption).build();
    }

    private static String request(String content) {
        return "{\"from\":\"@acme.store\",\"to\":\"" + IGSID + "\",\"content\":" + content + "}";
    }

    private static JsonObject json(HttpResponse<String> response) {
        return new JsonObject(response.body());
    }

    private static OutboundMessage onlyOutbound() {
        assertThat(bed.publisher.valuesOn(Topics.OUTBOUND_REQUESTS)).hasSize(1);
        return (OutboundMessage) bed.publisher.valuesOn(Topics.OUTBOUND_REQUESTS).get(0);
    }

    @Test
    void shouldNameTheFieldOfAFourthButton() {
        String button = "{\"type\":\"reply\",\"reply\":{\"id\":\"a\",\"title\":\"A\"}}";
        String interactive = "{\"interactive\":{\"type\":\"button\",\"body\":{\"text\":\"pick\"},\"action\":{\"buttons\":["
                + String.join(",", button, button, button, button) + "]}}}";
        HttpResponse<String> response = bed.post(request(interactive));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).getString("errorMessage")).startsWith("content.interactive.action.buttons");
    }

    @Test
    void shouldRejectAButtonTitleOver20Characters() {
        String interactive = "{\"interactive\":{\"type\":\"button\",\"body\":{\"text\":\"pick\"},\"action\":{\"buttons\":["
                + "{\"type\":\"reply\",\"reply\":{\"id\":\"a\",\"title\":\"123456789012345678901\"}}]}}}";
        HttpResponse<String> response = bed.post(request(interactive));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).getString("errorMessage"))
                .startsWith("content.interactive.action.buttons[0].reply.title");
    }

    @Test
    void shouldRejectTwoContentKinds() {
        HttpResponse<String> response = bed.post(request("{\"text\":\"x\",\"videoUrl\":\"https://v.example/1.mp4\"}"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).getString("errorMessage")).startsWith("content:").contains("text", "videoUrl");
    }

    @Test
    void shouldCallAnUnknownContentKindUnsupported() {
        HttpResponse<String> response = bed.post(request("{\"location\":{\"lat\":1}}"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).getString("errorCode")).as(response.body()).isEqualTo("UNSUPPORTED_CONTENT");
    }

    @Test
    void shouldCallAnotherStickerUnsupported() {
        HttpResponse<String> response = bed.post(request("{\"sticker\":\"thumbs_up\"}"));

        assertThat(json(response).getString("errorCode")).isEqualTo("UNSUPPORTED_CONTENT");
    }

    @Test
    void shouldAcceptTextOf1000Utf8BytesAndRefuse1001() {
        String thousand = "😀".repeat(250);
        String nineNinetyNine = "😀".repeat(249) + "abc";
        String thousandOne = "😀".repeat(250) + "a";

        assertThat(bed.post(request("{\"text\":\"" + nineNinetyNine + "\"}")).statusCode()).isEqualTo(202);
        assertThat(bed.post(request("{\"text\":\"" + thousand + "\"}")).statusCode()).isEqualTo(202);
        HttpResponse<String> tooLong = bed.post(request("{\"text\":\"" + thousandOne + "\"}"));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(json(tooLong).getString("errorCode")).isEqualTo("TEXT_TOO_LONG");
        assertThat(json(tooLong).getString("errorMessage")).startsWith("content.text: 1001 UTF-8 bytes");
    }

    @Test
    void shouldMapEveryContentKind() {
        Map<String, Object> cases = Map.of(
                "{\"imageUrl\":\"https://i.example/1.jpg\",\"text\":\"cap\"}",
                media(MediaKind.IMAGE, "https://i.example/1.jpg", "cap"),
                "{\"videoUrl\":\"https://v.example/1.mp4\"}", media(MediaKind.VIDEO, "https://v.example/1.mp4", null),
                "{\"audioUrl\":\"https://a.example/1.mp3\"}", media(MediaKind.AUDIO, "https://a.example/1.mp3", null),
                "{\"sticker\":\"like_heart\"}", new StickerContent("like_heart"),
                "{\"reaction\":{\"messageId\":\"m-1\",\"emoji\":\"❤\"}}", new ReactionContent("m-1", "❤"),
                "{\"reaction\":{\"messageId\":\"m-1\",\"emoji\":\"\"}}", new ReactionContent("m-1", null),
                "{\"markAsSeen\":true}", new SenderActionContent(SenderAction.MARK_SEEN),
                "{\"typing\":\"on\"}", new SenderActionContent(SenderAction.TYPING_ON),
                "{\"typing\":\"off\"}", new SenderActionContent(SenderAction.TYPING_OFF));
        cases.forEach((content, expected) -> {
            bed.publisher.records.clear();
            assertThat(bed.post(request(content)).statusCode()).as(content).isEqualTo(202);
            assertThat(onlyOutbound().getContent()).as(content).isEqualTo(expected);
        });
    }

    @Test
    void shouldMapListRowsAndCtaUrl() {
        String list = "{\"interactive\":{\"type\":\"list\",\"body\":{\"text\":\"size?\"},\"action\":{\"button\":\"Sizes\","
                + "\"sections\":[{\"title\":\"A\",\"rows\":[{\"id\":\"s\",\"title\":\"Small\"}]},"
                + "{\"rows\":[{\"id\":\"l\",\"title\":\"Large\"}]}]}}}";
        assertThat(bed.post(request(list)).statusCode()).isEqualTo(202);
        InteractiveContent listContent = (InteractiveContent) onlyOutbound().getContent();
        assertThat(listContent.getType()).isEqualTo(InteractiveType.LIST);
        assertThat(listContent.getOptions()).extracting(o -> o.getId()).containsExactly("s", "l");

        bed.publisher.records.clear();
        String cta = "{\"interactive\":{\"type\":\"cta_url\",\"body\":{\"text\":\"track\"},\"action\":{\"name\":\"cta_url\","
                + "\"parameters\":{\"display_text\":\"Track\",\"url\":\"https://t.example/42\"}}}}";
        assertThat(bed.post(request(cta)).statusCode()).isEqualTo(202);
        InteractiveContent ctaContent = (InteractiveContent) onlyOutbound().getContent();
        assertThat(ctaContent.getCtaUrl()).isEqualTo("https://t.example/42");
        assertThat(ctaContent.getCtaTitle()).isEqualTo("Track");
    }

    @Test
    void shouldRefuseFourteenListRowsAcrossSections() {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            rows.append(i == 0 ? "" : ",").append("{\"id\":\"r").append(i).append("\",\"title\":\"R\"}");
        }
        String section = "{\"rows\":[" + rows + "]}";
        String list = "{\"interactive\":{\"type\":\"list\",\"body\":{\"text\":\"x\"},\"action\":{\"sections\":["
                + section + "," + section + "]}}}";
        HttpResponse<String> response = bed.post(request(list));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).getString("errorMessage")).startsWith("content.interactive.action.sections: 14 rows");
    }

    @Test
    void shouldMarkHumanAgentRepliesAsHuman() {
        String body = "{\"from\":\"acme.store\",\"to\":\"" + IGSID + "\",\"content\":{\"text\":\"x\"},"
                + "\"humanAgent\":true,\"agentId\":\"agent-17\"}";
        assertThat(bed.post(body).statusCode()).isEqualTo(202);
        assertThat(onlyOutbound().getAuthoredBy()).isEqualTo(Author.HUMAN);
        assertThat(onlyOutbound().getAgentId()).isEqualTo("agent-17");
    }
}
