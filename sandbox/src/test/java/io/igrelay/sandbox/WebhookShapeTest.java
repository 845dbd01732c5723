package io.igrelay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Each simulated user action, made through the admin API, reaches the hub as a delivery whose structure (every
 * JSON path and its type) is that of the matching meta-fixtures/webhook-*.json file.
 */
class WebhookShapeTest extends SandboxTestBase {

    @Override
    Map<String, String> env() {
        return Map.of("SANDBOX_AUTO_SUBSCRIBE", "true");
    }

    private JsonNode deliver(String path, String body) throws Exception {
        int before = hub.received.size();
        var r = admin("POST", "/simulate/" + path, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.received.size() > before);
        return JSON.readTree(hub.received.get(before).body());
    }

    private static String who(String extra) {
        return "{\"account\":\"fixture.shop\",\"from\":\"" + USER + "\"" + extra + "}";
    }

    private void assertShape(JsonNode actual, String fixture) throws Exception {
        assertThat(paths(actual, "")).isEqualTo(paths(JSON.readTree(Fixtures.bytes(fixture)), ""));
    }

    @Test
    void text() throws Exception {
        assertShape(deliver("message", who(",\"text\":\"Hi there\"")), "webhook-message-text.json");
    }

    @Test
    void image() throws Exception {
        assertShape(deliver("message", who(",\"attachment\":{\"type\":\"image\",\"url\":\"https://x.example/i.jpg\"}")),
                "webhook-message-image.json");
    }

    @Test
    void storyReply() throws Exception {
        assertShape(deliver("story-reply", who(",\"text\":\"Love it\"")), "webhook-message-story-reply.json");
    }

    @Test
    void storyMention() throws Exception {
        assertShape(deliver("story-mention", who("")), "webhook-message-story-mention.json");
    }

    @Test
    void quickReply() throws Exception {
        assertShape(deliver("quick-reply", who(",\"title\":\"Pick up in store\",\"payload\":\"DELIVERY_PICKUP\"")),
                "webhook-message-quick-reply.json");
    }

    @Test
    void replyTo() throws Exception {
        assertShape(deliver("message", who(",\"text\":\"Yes\",\"replyToMid\":\"m1\"")),
                "webhook-message-reply-to.json");
    }

    @Test
    void adReferral() throws Exception {
        assertShape(deliver("message", who(",\"text\":\"Saw your ad\",\"referral\":{\"ref\":\"w\",\"ad_id\":\"1\","
                + "\"source\":\"ADS\",\"type\":\"OPEN_THREAD\",\"ads_context_data\":{\"ad_title\":\"t\","
                + "\"photo_url\":\"https://x.example/p.jpg\"}}")), "webhook-message-referral-ad.json");
    }

    @Test
    void reactAndUnreact() throws Exception {
        assertShape(deliver("reaction", who(",\"mid\":\"m1\"")), "webhook-reaction-react.json");
        assertShape(deliver("reaction", who(",\"mid\":\"m1\",\"action\":\"unreact\"")),
                "webhook-reaction-unreact.json");
    }

    @Test
    void postback() throws Exception {
        assertShape(deliver("postback", who(",\"title\":\"Reserve one\",\"payload\":\"RESERVE\"")),
                "webhook-postback.json");
    }

    @Test
    void seen() throws Exception {
        assertShape(deliver("seen", who(",\"mid\":\"m1\"")), "webhook-seen.json");
    }

    @Test
    void unsend() throws Exception {
        deliver("message", who(",\"text\":\"oops\""));
        assertShape(deliver("unsend", who("")), "webhook-message-deleted.json");
    }

    @Test
    void igMeReferral() throws Exception {
        assertShape(deliver("referral", who(",\"ref\":\"popup\"")), "webhook-referral-igme.json");
    }

    @Test
    void echo() throws Exception {
        deliver("message", who(",\"text\":\"hi\""));
        int before = hub.received.size();
        sendIg(igToken(), Fixtures.bytes("send-request-text.json"));
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.received.size() > before);
        assertShape(JSON.readTree(hub.received.get(before).body()), "webhook-echo.json");
    }

    @Test
    void dashboardTestUsesTheChangesForm() throws Exception {
        int before = hub.received.size();
        assertThat(admin("POST", "/simulate/dashboard-test", "{}").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.received.size() > before);
        assertShape(JSON.readTree(hub.received.get(before).body()), "webhook-dashboard-test-changes.json");
    }

    @Test
    void unknownAccountIsA404() {
        var r = admin("POST", "/simulate/message", "{\"account\":\"nobody\",\"from\":\"1\",\"text\":\"x\"}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).get("error").asText()).contains("nobody");
    }

    /** Every JSON path (array indices collapsed) with its node type. */
    static Map<String, String> paths(JsonNode n, String prefix) {
        Map<String, String> out = new TreeMap<>();
        out.put(prefix.isEmpty() ? "/" : prefix, n.getNodeType().name());
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                var e = it.next();
                out.putAll(paths(e.getValue(), prefix + "/" + e.getKey()));
            }
        } else if (n.isArray()) {
            for (JsonNode child : n) {
                out.putAll(paths(child, prefix + "/[]"));
            }
        }
        return out;
    }
}
