package io.igrelay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The richer message kinds on the Send API: several images (at most 10), media by reusable attachment_id, a share
 * of the account's own post (MEDIA_SHARE), generic templates (10 cards, 80-character title and subtitle, 3 buttons,
 * 20-character button titles, 1000-character postback payloads) and quote replies (message.reply_to.mid); each
 * limit refused with Meta's invalid-parameter error (code 100, HTTP 400).
 */
class RichSendValidationTest extends SandboxTestBase {

    private HttpResponse<String> send(String message) {
        String body = "{\"recipient\":{\"id\":\"" + USER + "\"},\"message\":" + message + "}";
        return sendIg(igToken(), body.getBytes(StandardCharsets.UTF_8));
    }

    private void assertInvalidParam(HttpResponse<String> r, String mentions) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).at("/error/code").asInt()).isEqualTo(100);
        assertThat(json(r).at("/error/type").asText()).isNotEmpty();
        assertThat(json(r).at("/error/message").asText()).contains(mentions);
    }

    private static String images(int n) {
        return IntStream.range(0, n).mapToObj(i -> "{\"type\":\"image\",\"payload\":{\"url\":\"https://i.example/"
                + i + ".jpg\"}}").collect(Collectors.joining(",", "{\"attachments\":[", "]}"));
    }

    private static String cards(int n, String card) {
        return IntStream.range(0, n).mapToObj(i -> card).collect(Collectors.joining(",",
                "{\"attachment\":{\"type\":\"template\",\"payload\":{\"template_type\":\"generic\",\"elements\":[",
                "]}}}"));
    }

    @Test
    void shouldAcceptTenImagesInOneMessageButNotEleven() {
        userWrites();
        assertThat(send(images(10)).statusCode()).isEqualTo(200);
        assertInvalidParam(send(images(11)), "message[attachments]");
    }

    @Test
    void shouldTakeOnlyImagesInSeveralAttachments() {
        userWrites();
        assertInvalidParam(send("{\"attachments\":[{\"type\":\"video\",\"payload\":{\"url\":\"https://v.example/1.mp4\"}}]}"),
                "message[attachments][type]");
    }

    @Test
    void shouldRefuseAttachmentAndAttachmentsTogether() {
        userWrites();
        assertInvalidParam(send("{\"attachment\":{\"type\":\"image\",\"payload\":{\"url\":\"https://i.example/1.jpg\"}},"
                + "\"attachments\":[]}"), "Must send either");
    }

    @Test
    void shouldSendByAttachmentIdAndRefuseAnIdThatIsNotOne() {
        userWrites();
        assertThat(send("{\"attachment\":{\"type\":\"file\",\"payload\":{\"attachment_id\":\"1857777774821032\"}}}")
                .statusCode()).isEqualTo(200);
        assertInvalidParam(send("{\"attachment\":{\"type\":\"file\",\"payload\":{\"attachment_id\":\"x1\"}}}"),
                "attachment_id");
    }

    @Test
    void shouldShareAPostByIdAndRefuseOneWithoutId() {
        userWrites();
        assertThat(send("{\"attachment\":{\"type\":\"MEDIA_SHARE\",\"payload\":{\"id\":\"18027939643230682\"}}}")
                .statusCode()).isEqualTo(200);
        assertInvalidParam(send("{\"attachment\":{\"type\":\"MEDIA_SHARE\",\"payload\":{}}}"),
                "message[attachment][payload][id]");
    }

    @Test
    void shouldAcceptTenCardsButNotEleven() {
        userWrites();
        String card = "{\"title\":\"T\"}";
        assertThat(send(cards(10, card)).statusCode()).isEqualTo(200);
        assertInvalidParam(send(cards(11, card)), "payload[elements]");
    }

    @Test
    void shouldLimitCardTitleAndSubtitleTo80Characters() {
        userWrites();
        assertThat(send(cards(1, "{\"title\":\"" + "t".repeat(80) + "\"}")).statusCode()).isEqualTo(200);
        assertInvalidParam(send(cards(1, "{\"title\":\"" + "t".repeat(81) + "\"}")), "80 characters");
        assertInvalidParam(send(cards(1, "{\"title\":\"T\",\"subtitle\":\"" + "s".repeat(81) + "\"}")),
                "80 characters");
    }

    @Test
    void shouldLimitButtonsToThreeWith20CharacterTitlesAnd1000CharacterPayloads() {
        userWrites();
        String button = "{\"type\":\"postback\",\"title\":\"B\",\"payload\":\"P\"}";
        assertInvalidParam(send(cards(1, "{\"title\":\"T\",\"buttons\":[" + String.join(",", button, button, button,
                button) + "]}")), "buttons");
        assertInvalidParam(send(cards(1, "{\"title\":\"T\",\"buttons\":[{\"type\":\"postback\",\"title\":\""
                + "b".repeat(21) + "\",\"payload\":\"P\"}]}")), "buttons[title]");
        assertInvalidParam(send(cards(1, "{\"title\":\"T\",\"buttons\":[{\"type\":\"postback\",\"title\":\"B\","
                + "\"payload\":\"" + "p".repeat(1001) + "\"}]}")), "buttons[payload]");
    }

    @Test
    void shouldTakeAQuoteReplyOnlyWithAMid() {
        userWrites();
        assertThat(send("{\"text\":\"yes\",\"reply_to\":{\"mid\":\"aWdfZAG1faWQ6MTIz\"}}").statusCode())
                .isEqualTo(200);
        assertInvalidParam(send("{\"text\":\"yes\",\"reply_to\":{}}"), "message[reply_to][mid]");
    }
}
