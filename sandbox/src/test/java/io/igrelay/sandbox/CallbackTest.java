package io.igrelay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.igrelay.sandbox.callback.CallbackSender;
import io.igrelay.sandbox.wire.MetaSignatures;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Deletion and deauthorize callbacks: the signed_request format matches meta-fixtures/ exactly, the hub
 * receives a verifiable form POST, its {url, confirmation_code} answer is recorded, and deauthorize revokes tokens.
 */
class CallbackTest extends SandboxTestBase {

    @Test
    void shouldProduceTheFixtureSignedRequestForTheFixtureInputs() throws Exception {
        JsonNode fx = JSON.readTree(Fixtures.bytes("signed-request-deletion.json"));
        String payload = CallbackSender.payload("10223344556677889", 1763900000L);
        assertThat(payload).isEqualTo(fx.get("payload_json").asText());
        assertThat(MetaSignatures.signedRequest("fixture-app-secret", payload))
                .isEqualTo(Fixtures.text("signed-request-deletion.txt"));
    }

    @Test
    void shouldPostASignedDeletionRequestAndRecordTheConfirmation() throws Exception {
        hub.responseBody = "{\"url\":\"http://localhost:8080/meta/data-deletion/abc\",\"confirmation_code\":\"abc\"}";
        var r = admin("POST", "/callbacks/data-deletion", "{\"userId\":\"10223344556677889\",\"app\":\"meta\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("confirmationCode").asText()).isEqualTo("abc");
        var got = hub.received.get(0);
        assertThat(got.path()).isEqualTo("/meta/data-deletion");
        assertThat(got.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        String form = new String(got.body(), StandardCharsets.US_ASCII);
        String signed = URLDecoder.decode(form.substring("signed_request=".length()), StandardCharsets.UTF_8);
        String[] parts = signed.split("\\.");
        byte[] expected = MetaSignatures.sha256(SandboxConfig.DEV_META_APP_SECRET, parts[1].getBytes(StandardCharsets.US_ASCII));
        assertThat(Base64.getUrlDecoder().decode(parts[0])).isEqualTo(expected);
        JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(payload.get("algorithm").asText()).isEqualTo("HMAC-SHA256");
        assertThat(payload.get("user_id").asText()).isEqualTo("10223344556677889");
        assertThat(payload.get("issued_at").asLong()).isEqualTo(T0.getEpochSecond());
        assertThat(json(admin("GET", "/callbacks", null)).get("data")).hasSize(1);
    }

    @Test
    void shouldRevokeTheUsersPageTokensOnDeauthorize() {
        String token = pageToken();
        userWrites();
        admin("POST", "/callbacks/deauthorize", "{\"userId\":\"10223344556677889\",\"app\":\"facebook\"}");
        assertThat(hub.received.get(0).path()).isEqualTo("/meta/deauthorize");
        var r = sendFb(token, Fixtures.bytes("send-request-text.json"));
        assertThat(json(r).at("/error/code").asInt()).isEqualTo(190);
        assertThat(json(r).at("/error/error_subcode").asInt()).isEqualTo(458);
    }

    @Test
    void shouldRunTheWebhookVerificationHandshake() {
        hub.responseBody = "wrong";
        var r = admin("POST", "/webhooks/verify", "{\"verifyToken\":\"vt-1\"}");
        assertThat(json(r).get("verified").asBoolean()).isFalse();
        var got = hub.received.get(0);
        assertThat(got.path()).isEqualTo("/webhooks/instagram");
        assertThat(json(r).get("status").asInt()).isEqualTo(200);
    }
}
