package io.igrelay.ingress.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.SigningApp;
import io.igrelay.ingress.support.Fixtures;
import io.igrelay.schemas.config.Secret;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignatureTest {

    private static final AppSecret META = new AppSecret(SigningApp.META_APP, "1", new Secret(Fixtures.APP_SECRET));
    private static final AppSecret INSTAGRAM =
            new AppSecret(SigningApp.INSTAGRAM_APP, "2", new Secret("instagram-secret"));
    private final WebhookSignature signature = new WebhookSignature(List.of(INSTAGRAM, META));

    static Stream<JsonObject> examples() {
        return Fixtures.json("signature-example.json").getJsonArray("examples").stream().map(JsonObject.class::cast);
    }

    static Stream<JsonObject> counterExamples() {
        return Fixtures.json("signature-example.json").getJsonArray("counter_examples").stream()
                .map(JsonObject.class::cast);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void shouldVerifyTheFixtureBytesWithTheirDocumentedHeader(JsonObject example) {
        byte[] body = Fixtures.bytes(example.getString("file"));
        assertThat(body).hasSize(example.getInteger("byte_length"));
        assertThat(signature.verify(example.getString("header_value"), body)).contains(META);
    }

    @ParameterizedTest
    @MethodSource("counterExamples")
    void shouldRejectTheSignatureOfAReserialisedBodyAgainstTheRawBytes(JsonObject counter) {
        byte[] body = Fixtures.bytes(counter.getString("file"));
        assertThat(signature.verify(counter.getString("header_value"), body)).isEmpty();
    }

    @Test
    void shouldVerifyTheUnicodeFixtureOnlyInItsEscapedForm() {
        byte[] escaped = Fixtures.bytes("webhook-message-text-unicode.json");
        String header = WebhookSignature.headerFor(new Secret(Fixtures.APP_SECRET), escaped);
        byte[] decoded = new JsonObject(new String(escaped, StandardCharsets.UTF_8)).encodePrettily()
                .getBytes(StandardCharsets.UTF_8);
        assertThat(signature.verify(header, escaped)).contains(META);
        assertThat(signature.verify(header, decoded)).isEmpty();
    }

    @Test
    void shouldTellWhichAppSecretSigned() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        assertThat(signature.verify(WebhookSignature.headerFor(INSTAGRAM.secret(), body), body)).contains(INSTAGRAM);
    }

    @Test
    void shouldAcceptUppercaseHexAndPrefix() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String header = WebhookSignature.headerFor(META.secret(), body);
        assertThat(signature.verify("SHA256=" + header.substring(7).toUpperCase(), body)).contains(META);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sha256=", "sha1=abcdef", "sha256=xyz",
            "sha256=00000000000000000000000000000000000000000000000000000000000000000",
            "sha256=0000000000000000000000000000000000000000000000000000000000000000"})
    void shouldRejectMalformedOrWrongHeaders(String header) {
        assertThat(signature.verify(header, "{}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void shouldRejectAMissingHeader() {
        assertThat(signature.verify(null, "{}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
