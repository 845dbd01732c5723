package io.igrelay.ingress.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.igrelay.avro.SigningApp;
import io.igrelay.ingress.support.Fixtures;
import io.igrelay.schemas.config.Secret;
import io.igrelay.schemas.contract.Hmac;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignedRequestVerifierTest {

    private static final Instant ISSUED = Instant.ofEpochSecond(1763900000L);
    private static final AppSecret META = new AppSecret(SigningApp.META_APP, "1001", new Secret(Fixtures.APP_SECRET));
    private static final AppSecret INSTAGRAM =
            new AppSecret(SigningApp.INSTAGRAM_APP, "2002", new Secret("instagram-secret"));

    private static SignedRequestVerifier at(Instant now) {
        return new SignedRequestVerifier(List.of(INSTAGRAM, META), Duration.ofMinutes(10),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void shouldVerifyTheFixtureAndNameTheAppScopedUser() throws Exception {
        String fixture = Fixtures.text("signed-request-deletion.txt");
        SignedRequest request = at(ISSUED.plusSeconds(30)).verify(fixture);
        assertThat(request.userId()).isEqualTo("10223344556677889");
        assertThat(request.app()).isEqualTo(META);
        assertThat(request.issuedAt()).contains(ISSUED);
    }

    @Test
    void shouldAcceptARequestSignedWithTheInstagramAppSecret() throws Exception {
        String signed = sign(INSTAGRAM.secret(), payload("HMAC-SHA256", 1763900000L, "\"42\""));
        assertThat(at(ISSUED).verify(signed).app()).isEqualTo(INSTAGRAM);
    }

    @Test
    void shouldRejectATamperedPayload() {
        String fixture = Fixtures.text("signed-request-deletion.txt");
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload("HMAC-SHA256", 1763900000L, "\"99999\"").getBytes(StandardCharsets.UTF_8));
        String tampered = fixture.substring(0, fixture.indexOf('.') + 1) + forgedPayload;
        assertThatThrownBy(() -> at(ISSUED).verify(tampered)).isInstanceOf(SignedRequestException.class)
                .hasMessageContaining("signature does not match");
    }

    @Test
    void shouldRejectAnotherSecretsSignature() {
        String signed = sign(new Secret("someone-else"), payload("HMAC-SHA256", 1763900000L, "\"42\""));
        assertThatThrownBy(() -> at(ISSUED).verify(signed)).hasMessageContaining("signature does not match");
    }

    @Test
    void shouldRejectAnotherAlgorithmEvenWhenCorrectlySigned() {
        String signed = sign(META.secret(), payload("HMAC-SHA1", 1763900000L, "\"42\""));
        assertThatThrownBy(() -> at(ISSUED).verify(signed)).hasMessageContaining("algorithm");
    }

    @Test
    void shouldAcceptACorrectlySignedRequestHoweverLateAndReportItsAge() throws Exception {
        String fixture = Fixtures.text("signed-request-deletion.txt");
        SignedRequestVerifier verifier = at(ISSUED.plus(Duration.ofDays(3)));

        SignedRequest request = verifier.verify(fixture);

        assertThat(request.age()).contains(Duration.ofDays(3));
        assertThat(verifier.late(request)).isTrue();
    }

    @Test
    void shouldNotCallAPromptRequestLate() throws Exception {
        SignedRequestVerifier verifier = at(ISSUED.plusSeconds(30));

        assertThat(verifier.late(verifier.verify(Fixtures.text("signed-request-deletion.txt")))).isFalse();
    }

    @Test
    void shouldAcceptAMissingIssuedAtButNotAMissingUserId() throws Exception {
        SignedRequest request = at(ISSUED).verify(sign(META.secret(),
                "{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"1\"}"));
        assertThat(request.issuedAt()).isEmpty();
        assertThatThrownBy(() -> at(ISSUED).verify(sign(META.secret(),
                "{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":1763900000}"))).hasMessageContaining("user_id");
    }

    @Test
    void shouldRejectMalformedValues() {
        SignedRequestVerifier verifier = at(ISSUED);
        assertThatThrownBy(() -> verifier.verify(null)).hasMessageContaining("missing");
        assertThatThrownBy(() -> verifier.verify("no-dot")).hasMessageContaining("<signature>.<payload>");
        assertThatThrownBy(() -> verifier.verify("a.b.c")).hasMessageContaining("<signature>.<payload>");
        assertThatThrownBy(() -> verifier.verify("!!!.e30")).hasMessageContaining("base64url");
        String notJson = sign(META.secret(), "not json");
        assertThatThrownBy(() -> verifier.verify(notJson)).hasMessageContaining("JSON");
    }

    static String payload(String algorithm, long issuedAt, String userId) {
        return "{\"algorithm\":\"" + algorithm + "\",\"expires\":0,\"issued_at\":" + issuedAt + ",\"user_id\":"
                + userId + "}";
    }

    static String sign(Secret secret, String json) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String payload = b64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
        return b64.encodeToString(Hmac.sha256(secret, payload.getBytes(StandardCharsets.US_ASCII))) + "." + payload;
    }
}
