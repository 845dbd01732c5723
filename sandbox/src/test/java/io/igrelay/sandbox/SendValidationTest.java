package io.igrelay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Body rules of the Send API: fixtures accepted byte for byte, text limit in UTF-8 bytes, quick replies, shape. */
class SendValidationTest extends SandboxTestBase {

    static List<String> fixtureBodies() {
        return Fixtures.named("send-request-");
    }

    @ParameterizedTest
    @MethodSource("fixtureBodies")
    void shouldAcceptEveryFixtureBodyByteForByte(String file) {
        userWrites();
        byte[] body = Fixtures.bytes(file);
        var r = file.contains("fb-login") ? sendFb(pageToken(), body) : sendIg(igToken(), body);
        assertThat(r.statusCode()).as(file + ": " + r.body()).isEqualTo(200);
        boolean senderAction = new String(body, StandardCharsets.UTF_8).contains("sender_action");
        String expected = senderAction ? "send-response-reaction-ok.json" : "send-response-ok.json";
        assertThat(keys(json(r))).isEqualTo(keys(fixture(expected)));
        assertThat(json(r).get("recipient_id").asText()).isEqualTo(USER);
    }

    @ParameterizedTest
    @MethodSource("fixtureBodies")
    void shouldAcceptTheSharedFixturesOnTheFacebookHostToo(String file) {
        if (file.contains("ig-login")) {
            return;
        }
        userWrites();
        var r = sendFb(pageToken(), Fixtures.bytes(file));
        assertThat(r.statusCode()).as(file + ": " + r.body()).isEqualTo(200);
    }

    @Test
    void shouldCountTheTextLimitInUtf8BytesWithEmoji() {
        userWrites();
        String token = igToken();
        String emoji = "\ud83d\ude0a"; // 4 UTF-8 bytes, 2 UTF-16 units
        String t999 = "a".repeat(995) + emoji;
        String t1000 = "a".repeat(996) + emoji;
        String t1001 = "a".repeat(997) + emoji;
        assertThat(t1000.getBytes(StandardCharsets.UTF_8)).hasSize(1000);
        assertThat(sendIg(token, text(t999).getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
        assertThat(sendIg(token, text(t1000).getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
        var r = sendIg(token, text(t1001).getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).at("/error/code").asInt()).isEqualTo(100);
    }

    @Test
    void shouldAllowThirteenQuickRepliesButNotFourteen() {
        userWrites();
        String token = igToken();
        assertThat(sendIg(token, quickReplies(13)).statusCode()).isEqualTo(200);
        assertThat(sendIg(token, quickReplies(14)).statusCode()).isEqualTo(400);
    }

    @Test
    void shouldRejectABodyWithBothMessageAndSenderAction() {
        userWrites();
        String body = "{\"recipient\":{\"id\":\"" + USER + "\"},\"sender_action\":\"typing_on\","
                + "\"message\":{\"text\":\"x\"}}";
        var r = sendIg(igToken(), body.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).at("/error/code").asInt()).isEqualTo(100);
    }

    @Test
    void shouldRejectAnUnknownAttachmentTypeAndAMediaAttachmentWithoutUrl() {
        userWrites();
        String token = igToken();
        String gif = "{\"recipient\":{\"id\":\"" + USER + "\"},\"message\":{\"attachment\":{\"type\":\"gif\"}}}";
        String noUrl = "{\"recipient\":{\"id\":\"" + USER + "\"},\"message\":{\"attachment\":{\"type\":\"image\","
                + "\"payload\":{}}}}";
        assertThat(sendIg(token, gif.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
        assertThat(sendIg(token, noUrl.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
    }

    @Test
    void shouldLogEverySendInOrderWithItsOutcome() {
        userWrites();
        String token = igToken();
        sendIg(token, text("one").getBytes(StandardCharsets.UTF_8));
        sendIg(token, text("x".repeat(1001)).getBytes(StandardCharsets.UTF_8));
        JsonNode log = json(admin("GET", "/sends?account=fixture.shop", null)).get("data");
        assertThat(log).hasSize(2);
        assertThat(log.get(0).get("outcome").asText()).isEqualTo("sent");
        assertThat(log.get(0).get("messageId").asText()).startsWith("aWdf");
        assertThat(log.get(1).get("outcome").asText()).isEqualTo("error");
        assertThat(log.get(1).get("errorCode").asText()).isEqualTo("100");
        assertThat(log.get(1).get("seq").asLong()).isGreaterThan(log.get(0).get("seq").asLong());
        JsonNode stats = json(admin("GET", "/stats", null));
        assertThat(stats.get("sent").asLong()).isEqualTo(1);
        assertThat(stats.get("refused").asLong()).isEqualTo(1);
    }

    private static byte[] quickReplies(int n) {
        StringBuilder sb = new StringBuilder("{\"recipient\":{\"id\":\"" + USER + "\"},\"messaging_type\":\"RESPONSE\","
                + "\"message\":{\"text\":\"Pick one\",\"quick_replies\":[");
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? "," : "").append("{\"content_type\":\"text\",\"title\":\"Option ").append(i)
                    .append("\",\"payload\":\"P").append(i).append("\"}");
        }
        return sb.append("]}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode fixture(String name) {
        try {
            return JSON.readTree(Fixtures.bytes(name));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static List<String> keys(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }
}
