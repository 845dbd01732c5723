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
 * A simulated user commenting on a seeded media: the hub receives Meta's {@code changes[]} form with exactly the JSON
 * paths of the fixtures in src/test/resources/meta (comments and live_comments), signed like every delivery, and
 * comments on media the account does not have, or replies to comments that are not on that media, are refused.
 */
class CommentWebhookTest extends SandboxTestBase {

    private static final String POST = A + "01";
    private static final String LIVE = A + "03";

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
        try (InputStream in = CommentWebhookTest.class.getResourceAsStream("/meta/" + name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertShape(JsonNode actual, String fixture) {
        assertThat(WebhookShapeTest.paths(actual, "")).isEqualTo(WebhookShapeTest.paths(fixture(fixture), ""));
    }

    @Test
    void shouldDeliverACommentOnTheSeededPostInMetasShape() throws IOException {
        JsonNode got = deliver("comment", who(",\"text\":\"price?\""));
        assertShape(got, "webhook-comment.json");
        JsonNode change = got.at("/entry/0/changes/0");
        assertThat(change.path("field").asText()).isEqualTo("comments");
        assertThat(change.at("/value/from/id").asText()).isEqualTo(USER);
        assertThat(change.at("/value/media/id").asText()).isEqualTo(POST);
        assertThat(change.at("/value/media/media_product_type").asText()).isEqualTo("FEED");
        assertThat(change.at("/value/text").asText()).isEqualTo("price?");
    }

    @Test
    void shouldDeliverAReplyWithItsParent() throws IOException {
        String parent = deliver("comment", who(",\"text\":\"price?\"")).at("/entry/0/changes/0/value/id").asText();
        JsonNode got = deliver("comment", who(",\"text\":\"and in green?\",\"parentId\":\"" + parent + "\""));
        assertShape(got, "webhook-comment-reply.json");
        assertThat(got.at("/entry/0/changes/0/value/parent_id").asText()).isEqualTo(parent);
        assertThat(got.at("/entry/0/changes/0/value/id").asText()).isNotEqualTo(parent);
    }

    @Test
    void shouldDeliverALiveCommentOnTheLiveBroadcast() throws IOException {
        JsonNode got = deliver("live-comment", who(",\"text\":\"hello from Lyon\""));
        assertShape(got, "webhook-live-comment.json");
        assertThat(got.at("/entry/0/changes/0/field").asText()).isEqualTo("live_comments");
        assertThat(got.at("/entry/0/changes/0/value/media/id").asText()).isEqualTo(LIVE);
    }

    @Test
    void shouldRefuseACommentOnMediaTheAccountDoesNotHave() {
        var r = admin("POST", "/simulate/comment", who(",\"text\":\"x\",\"mediaId\":\"999\""));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("no media 999").contains(POST);
    }

    @Test
    void shouldRefuseAReplyToACommentOnAnotherMedia() {
        var r = admin("POST", "/simulate/comment", who(",\"text\":\"x\",\"parentId\":\"17919697626119999\""));
        assertThat(r.statusCode()).isEqualTo(404);
        var live = admin("POST", "/simulate/comment", who(",\"text\":\"x\",\"mediaId\":\"" + LIVE + "\""));
        assertThat(live.statusCode()).isEqualTo(400);
        assertThat(live.body()).contains("live-comment");
    }

    @Test
    void shouldKeepABackdatedCommentsTimeInItsOwnWebhookEntry() throws IOException {
        long now = sandbox.clock().millis();

        JsonNode body = deliver("comment", who(",\"text\":\"old\",\"ageSeconds\":691200"));

        assertThat(body.path("entry").get(0).path("time").asLong()).isEqualTo(now - 691_200_000L);
        assertThat(body.path("entry").get(0).path("changes").get(0).path("value").path("text").asText())
                .isEqualTo("old");
    }
}
