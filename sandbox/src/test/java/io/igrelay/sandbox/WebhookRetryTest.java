package io.igrelay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Meta's delivery retries on the controllable clock: an immediate retry, then backoff, the same bytes each time,
 * and after the outage limit (1 h) the account's subscription is disabled until the hub subscribes again.
 */
class WebhookRetryTest extends SandboxTestBase {

    @Override
    Map<String, String> env() {
        return Map.of("SANDBOX_AUTO_SUBSCRIBE", "true");
    }

    private JsonNode attempts() {
        return json(admin("GET", "/webhooks/deliveries", null)).get("data");
    }

    @Test
    void shouldRetryAtOnceThenBackOffThenDisableTheSubscriptionAfterAnHour() {
        hub.status.set(500);
        userWrites();
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.received.size() == 2);
        // the second answer must be handled (and the next retry scheduled) before the clock moves
        await().atMost(Duration.ofSeconds(5)).until(() -> attempts().size() == 2);
        assertThat(hub.received.get(1).body()).isEqualTo(hub.received.get(0).body());
        assertThat(attempts().get(1).get("outcome").asText()).isEqualTo("retry_scheduled");

        sleep(150);
        assertThat(hub.received).hasSize(2); // next retry is 15 s away on the sandbox clock
        advance(Duration.ofSeconds(15));
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.received.size() == 3);

        advance(Duration.ofHours(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.received.size() == 4);
        await().until(() -> attempts().size() == 4);
        assertThat(attempts().get(3).get("outcome").asText()).isEqualTo("subscription_disabled");
        JsonNode account = json(admin("GET", "/accounts", null)).get("data").findValues("subscription").stream()
                .filter(s -> !s.isNull() && s.get("disabled").asBoolean()).findFirst().orElseThrow();
        assertThat(account.get("disabled").asBoolean()).isTrue();
        assertThat(sandbox.users().text(A, USER, "anyone there?").queued()).isFalse();
    }

    @Test
    void shouldDeliverAgainAfterTheHubResubscribes() {
        hub.status.set(503);
        userWrites();
        await().until(() -> hub.received.size() == 2);
        // the second answer must be handled (and the next retry scheduled) before the clock moves
        await().until(() -> attempts().size() == 2);
        advance(Duration.ofMinutes(61));
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.received.size() == 3);
        await().until(() -> sandbox.state().directory().account(A).orElseThrow().subscription().orElseThrow()
                .disabled());
        hub.status.set(200);
        String token = igToken();
        var r = call(HttpRequest.newBuilder(URI.create(sandbox.graphInstagramUrl()
                + "/v23.0/me/subscribed_apps?subscribed_fields=messages,messaging_seen&access_token=" + token))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(json(r).get("success").asBoolean()).isTrue();
        assertThat(sandbox.users().text(A, USER, "back again").queued()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.received.size() == 4);
        assertThat(new String(hub.received.get(3).body())).contains("back again");
        assertThat(Arrays.equals(hub.received.get(3).body(), hub.received.get(0).body())).isFalse();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
