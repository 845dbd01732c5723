package io.igrelay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The inbound kinds Meta sends beyond plain messages — shares of posts, stories and reels, disappearing media,
 * edits, opt-ins, handover events and standby messages — reach the hub with exactly the JSON paths of the fixtures
 * in src/test/resources/meta (each written from the Meta page its README names).
 */
class NewWebhookShapesTest extends SandboxTestBase {

    @Override
    Map<String, String> env() {
        return Map.of("SANDBOX_AUTO_SUBSCRIBE", "true");
    }

    private JsonNode deliver(String path, String body) throws IOException {
        int before = hub.received.size();
        var r = admin("POST", "/simulate/" + path, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.received.size() > before);
        return JSON.readTree(hub.received.get(before).body());
    }

    private static String who(String extra) {
        return "{\"account\":\"fixture.shop\",\"from\":\"" + USER + "\"" + extra + "}";
    }

    private static JsonNode fixture(String name) {
        try (InputStream in = NewWebhookShapesTest.class.getResourceAsStream("/meta/" + name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertShape(JsonNode actual, String fixture) {
        assertThat(WebhookShapeTest.paths(actual, "")).isEqualTo(WebhookShapeTest.paths(fixture(fixture), ""));
    }

    @Test
    void sharedPost() throws IOException {
        JsonNode got = deliver("share-post", who(""));
        assertShape(got, "webhook-message-ig-post.json");
        assertThat(got.at("/entry/0/messaging/0/message/attachments/0/type").asText()).isEqualTo("ig_post");
    }

    @Test
    void sharedStory() throws IOException {
        assertShape(deliver("share-story", who("")), "webhook-message-ig-story.json");
    }

    @Test
    void reel() throws IOException {
        assertShape(deliver("reel", who(",\"videoId\":\"18070000000000003\"")), "webhook-message-ig-reel-full.json");
    }

    @Test
    void ephemeralHasNoUrl() throws IOException {
        JsonNode got = deliver("ephemeral", who(""));
        assertShape(got, "webhook-message-ephemeral.json");
        assertThat(got.at("/entry/0/messaging/0/message/attachments/0").has("payload")).isFalse();
    }

    @Test
    void edit() throws IOException {
        deliver("message", who(",\"text\":\"Is the tote in stock?\""));
        JsonNode got = deliver("message-edit", who(",\"text\":\"Is the olive tote still in stock?\""));
        assertShape(got, "webhook-message-edit.json");
        assertThat(got.at("/entry/0/messaging/0/message_edit/num_edit").asInt()).isEqualTo(1);
    }

    @Test
    void optin() throws IOException {
        assertShape(deliver("optin", who("")), "webhook-messaging-optin.json");
    }

    @Test
    void handoverPassTakeRequest() throws IOException {
        assertShape(deliver("handover", who(",\"action\":\"pass\"")), "webhook-handover-pass.json");
        assertShape(deliver("handover", who(",\"action\":\"take\"")), "webhook-handover-take.json");
        assertShape(deliver("handover", who(",\"action\":\"request\"")), "webhook-handover-request.json");
    }

    @Test
    void unknownHandoverActionIsABadRequest() {
        assertThat(admin("POST", "/simulate/handover", who(",\"action\":\"steal\"")).statusCode()).isEqualTo(400);
    }

    @Test
    void standbyGoesInTheStandbyArray() throws IOException {
        JsonNode got = deliver("standby", who(",\"text\":\"Are you open on Sunday?\""));
        assertShape(got, "webhook-standby-message.json");
        assertThat(got.at("/entry/0").has("messaging")).isFalse();
    }

    @Test
    void editsOptinsHandoverAndStandbyDoNotOpenTheWindow() {
        admin("POST", "/simulate/optin", who(""));
        admin("POST", "/simulate/handover", who(",\"action\":\"pass\""));
        admin("POST", "/simulate/standby", who(",\"text\":\"hi\""));

        assertThat(admin("GET", "/conversations/fixture.shop/" + USER, null).statusCode()).isEqualTo(404);
    }
}
