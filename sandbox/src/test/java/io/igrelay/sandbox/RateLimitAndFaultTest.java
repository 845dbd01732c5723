package io.igrelay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-account rate windows (text and audio/video separately) and seeded, repeatable fault injection. */
class RateLimitAndFaultTest extends SandboxTestBase {

    private static byte[] hello() {
        return text("hello").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldAllowTheDocumentedHundredTextSendsPerSecondAndRefuseTheNext() {
        userWrites();
        String token = igToken();
        for (int i = 0; i < 100; i++) {
            assertThat(sendIg(token, hello()).statusCode()).isEqualTo(200);
        }
        var r = sendIg(token, hello());
        assertThat(json(r).at("/error/code").asInt()).isEqualTo(613);
        advance(Duration.ofSeconds(1));
        assertThat(sendIg(token, hello()).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldLimitAudioAndVideoToTenPerSecondWithoutTouchingText() {
        userWrites();
        String token = igToken();
        for (int i = 0; i < 10; i++) {
            assertThat(sendIg(token, Fixtures.bytes("send-request-video.json")).statusCode()).isEqualTo(200);
        }
        assertThat(json(sendIg(token, Fixtures.bytes("send-request-audio.json"))).at("/error/code").asInt())
                .isEqualTo(613);
        assertThat(sendIg(token, hello()).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRepeatTheSameFaultsForTheSameSeed() {
        userWrites();
        String token = igToken();
        String plan = "{\"seed\":42,\"transientShare\":0.3,\"http5xxShare\":0.2}";
        admin("PUT", "/faults", plan);
        List<Integer> first = statuses(token, 30);
        admin("PUT", "/faults", plan);
        List<Integer> second = statuses(token, 30);
        assertThat(first).isEqualTo(second).contains(200, 500, 503);
    }

    @Test
    void shouldAnswer503WithANonJsonBodyLikeAProxy() {
        userWrites();
        admin("PUT", "/faults", "{\"script\":[\"503\",\"ok\"]}");
        var r = sendIg(igToken(), hello());
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).startsWith("<html>");
        assertThat(sendIg(igToken(), hello()).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldDelayAnswersByTheInjectedLatency() {
        userWrites();
        String token = igToken();
        admin("PUT", "/faults", "{\"latencyMs\":150}");
        long t = System.nanoTime();
        assertThat(sendIg(token, hello()).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void shouldNeverAnswerAnInjectedTimeoutAndLogIt() {
        userWrites();
        admin("PUT", "/faults", "{\"script\":[\"timeout\"]}");
        var req = HttpRequest.newBuilder(URI.create(sandbox.graphInstagramUrl() + "/v23.0/me/messages"))
                .timeout(Duration.ofMillis(300)).header("Authorization", "Bearer " + igToken())
                .POST(HttpRequest.BodyPublishers.ofByteArray(hello())).build();
        assertThatThrownBy(() -> http.send(req, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        var log = json(admin("GET", "/sends", null)).get("data");
        assertThat(log.get(log.size() - 1).get("outcome").asText()).isEqualTo("timeout");
    }

    private List<Integer> statuses(String token, int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(sendIg(token, hello()).statusCode());
        }
        return out;
    }
}
