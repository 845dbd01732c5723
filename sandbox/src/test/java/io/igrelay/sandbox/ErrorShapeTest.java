package io.igrelay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each Send API error has exactly the structure of its meta-fixtures/error-*.json file: same keys in the
 * same order with the same JSON types, same type/code/subcode/is_transient, and the status named in the fixture
 * README.
 */
class ErrorShapeTest extends SandboxTestBase {

    @Test
    void outsideWindow() {
        assertShape(sendIg(igToken(), body()), "error-outside-window.json", 403, true);
    }

    @Test
    void noMatchingUser() {
        String body = "{\"recipient\":{\"id\":\"1111111111111111\"},\"message\":{\"text\":\"hi\"}}";
        assertShape(sendIg(igToken(), body.getBytes(StandardCharsets.UTF_8)), "error-no-matching-user.json", 400,
                true);
    }

    @Test
    void tokenExpired() {
        userWrites();
        String token = igToken();
        advance(Duration.ofDays(60));
        userWrites();
        var r = sendIg(token, body());
        assertShape(r, "error-token-expired.json", 400, false);
        assertThat(json(r).at("/error/message").asText()).startsWith("Error validating access token: Session has "
                + "expired on ");
    }

    @Test
    void rateLimit613() {
        userWrites();
        admin("PUT", "/accounts/fixture.shop/rate-limit", "{\"textPerSecond\":1}");
        String token = igToken();
        assertThat(sendIg(token, body()).statusCode()).isEqualTo(200);
        assertShape(sendIg(token, body()), "error-rate-limit-613.json", 400, true);
    }

    @Test
    void rateLimit4() {
        userWrites();
        admin("PUT", "/accounts/fixture.shop/rate-limit", "{\"textPerSecond\":1,\"code\":4}");
        String token = igToken();
        sendIg(token, body());
        assertShape(sendIg(token, body()), "error-rate-limit-4.json", 400, true);
    }

    @Test
    void userUnavailable() {
        userWrites();
        admin("PUT", "/customers/" + USER, "{\"unavailable\":true}");
        assertShape(sendIg(igToken(), body()), "error-user-unavailable.json", 400, true);
    }

    @Test
    void transientError() {
        userWrites();
        admin("PUT", "/faults", "{\"script\":[\"2\"]}");
        assertShape(sendIg(igToken(), body()), "error-transient.json", 500, true);
    }

    @Test
    void attachmentTooLarge() {
        userWrites();
        admin("PUT", "/faults", "{\"script\":[\"2018109\"]}");
        assertShape(sendIg(igToken(), Fixtures.bytes("send-request-image-url.json")),
                "error-attachment-too-large.json", 400, true);
    }

    @Test
    void revokedTokenAnswers190() {
        userWrites();
        String token = igToken();
        admin("POST", "/tokens/revoke", "{\"token\":\"" + token + "\"}");
        var r = sendIg(token, body());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).at("/error/code").asInt()).isEqualTo(190);
        assertThat(json(r).at("/error/error_subcode").asInt()).isEqualTo(460);
    }

    private static byte[] body() {
        return text("hello").getBytes(StandardCharsets.UTF_8);
    }

    private static void assertShape(HttpResponse<String> r, String fixture, int status, boolean sameMessage) {
        JsonNode expected = SendValidationTest.fixture(fixture).get("error");
        JsonNode actual = json(r).get("error");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(SendValidationTest.keys(json(r))).containsExactly("error");
        assertThat(SendValidationTest.keys(actual)).isEqualTo(SendValidationTest.keys(expected));
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            var e = it.next();
            assertThat(actual.get(e.getKey()).getNodeType()).as(e.getKey()).isEqualTo(e.getValue().getNodeType());
            if (!e.getKey().equals("fbtrace_id") && (sameMessage || !e.getKey().equals("message"))) {
                assertThat(actual.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
        assertThat(actual.get("fbtrace_id").asText()).hasSize(expected.get("fbtrace_id").asText().length());
    }
}
