package io.igrelay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.igrelay.sandbox.state.Flavour;
import io.igrelay.sandbox.state.IgAccount;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Webhooks as Meta sends them: signed over the exact bytes sent, Meta-escaped JSON, only subscribed fields,
 * echoes of Send API messages with the same mid, and batching of queued items.
 */
class WebhookDeliveryTest extends SandboxTestBase {

    @Override
    Map<String, String> env() {
        return Map.of("SANDBOX_AUTO_SUBSCRIBE", "true");
    }

    static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private WebhookReceiver.Received awaitOne() {
        await().atMost(Duration.ofSeconds(5)).until(() -> !hub.received.isEmpty());
        return hub.received.get(0);
    }

    @Test
    void shouldSignTheExactBytesSentWithTheInstagramAppSecret() throws Exception {
        sandbox.users().text(A, USER, "Hej! Finns v\u00e4skan \u00e4ven i st\u00f6rre storlek? Tack s\u00e5 mycket "
                + "\ud83d\ude0a");
        var got = awaitOne();
        assertThat(got.header("X-Hub-Signature-256"))
                .isEqualTo(hmac(SandboxConfig.DEV_INSTAGRAM_APP_SECRET, got.body()));
        assertThat(got.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void shouldRenderJsonLikeMetaWithLowercaseEscapesSurrogatePairsAndEscapedSlashes() throws Exception {
        var content = io.igrelay.sandbox.wire.MetaJson.object().put("text", "st\u00f6rre \ud83d\ude0a");
        content.putArray("attachments").addObject().put("type", "image").putObject("payload")
                .put("url", "https://cdn.example/a.jpg");
        sandbox.users().message(A, USER, content);
        String body = new String(awaitOne().body(), StandardCharsets.US_ASCII);
        assertThat(body.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
        assertThat(body).contains("st\\u00f6rre \\ud83d\\ude0a").contains("https:\\/\\/cdn.example\\/a.jpg")
                .doesNotContain("\n").startsWith("{\"object\":\"instagram\",\"entry\":[{\"id\":\"" + A + "\"");
        JsonNode item = JSON.readTree(body).at("/entry/0/messaging/0");
        assertThat(item.at("/sender/id").asText()).isEqualTo(USER);
        assertThat(item.at("/message/text").asText()).isEqualTo("st\u00f6rre \ud83d\ude0a");
    }

    @Test
    void shouldRenderTheFixtureBodyByteForByteWhenCompacted() throws Exception {
        String fixture = Fixtures.text("webhook-message-text-unicode.json");
        String compact = fixture.replaceAll("\n\\s*", "").replace("\": ", "\":");
        String rendered = io.igrelay.sandbox.wire.MetaJson.render(JSON.readTree(fixture));
        assertThat(rendered).isEqualTo(compact);
    }

    @Test
    void shouldEchoEveryMessageSentWithTheSameMid() throws Exception {
        userWrites();
        await().until(() -> hub.received.size() == 1);
        var r = sendIg(igToken(), Fixtures.bytes("send-request-text.json"));
        String mid = json(r).get("message_id").asText();
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.received.size() == 2);
        JsonNode echo = JSON.readTree(hub.received.get(1).body()).at("/entry/0/messaging/0");
        assertThat(echo.at("/message/is_echo").asBoolean()).isTrue();
        assertThat(echo.at("/message/mid").asText()).isEqualTo(mid);
        assertThat(echo.at("/sender/id").asText()).isEqualTo(A);
        assertThat(echo.at("/recipient/id").asText()).isEqualTo(USER);
    }

    @Test
    void shouldNotEchoWhenEchoesAreOff() throws Exception {
        admin("PUT", "/settings", "{\"echoes\":false}");
        userWrites();
        await().until(() -> hub.received.size() == 1);
        assertThat(sendIg(igToken(), Fixtures.bytes("send-request-text.json")).statusCode()).isEqualTo(200);
        Thread.sleep(200);
        assertThat(hub.received).hasSize(1);
    }

    @Test
    void shouldBatchItemsThatQueueUpIntoOneDeliveryWithOneEntryPerAccount() throws Exception {
        admin("POST", "/webhooks/pause", null);
        sandbox.users().text(A, USER, "one");
        sandbox.users().text(A, "26483910275519084", "two");
        sandbox.users().text("fixture.studio", "18205539761042263", "three");
        Thread.sleep(100);
        assertThat(hub.received).isEmpty();
        admin("POST", "/webhooks/resume", null);
        var got = awaitOne();
        JsonNode body = JSON.readTree(got.body());
        assertThat(body.get("entry")).hasSize(2);
        assertThat(body.at("/entry/0/messaging")).hasSize(2);
        assertThat(body.at("/entry/1/id").asText()).isEqualTo("17841407715263948");
        Thread.sleep(100);
        assertThat(hub.received).hasSize(1);
    }

    @Test
    void shouldDeliverEveryAppFieldWhateverTheAccountSubscribedToAndSignPagesWithTheMetaSecret() throws Exception {
        sandbox.state().directory().account(A).orElseThrow().subscribe(new IgAccount.Subscription(
                Flavour.FACEBOOK_LOGIN, List.of("messages"), false, 0));

        var seen = sandbox.users().seen(A, USER, "mid-1");

        assertThat(seen.queued()).as("Meta does not filter by the account's own fields").isTrue();
        var got = awaitOne();
        assertThat(JSON.readTree(got.body()).at("/entry/0/messaging/0/read/mid").asText()).isEqualTo("mid-1");
        assertThat(got.header("X-Hub-Signature-256")).isEqualTo(hmac(SandboxConfig.DEV_META_APP_SECRET, got.body()));
    }

    @Test
    void shouldNotDeliverAFieldTheAppIsNotSubscribedTo() {
        Sandbox narrow = Sandbox.start(vertx, SandboxConfig.fromEnv(Map.of("SANDBOX_PORT", "0",
                "SANDBOX_INSTANCES", "1", "SANDBOX_APP_FIELDS", "messages", "SANDBOX_AUTO_SUBSCRIBE", "true")))
                .await();
        try {
            assertThat(narrow.users().seen(A, USER, "mid-1").queued()).isFalse();
        } finally {
            narrow.close().await();
        }
    }
}
