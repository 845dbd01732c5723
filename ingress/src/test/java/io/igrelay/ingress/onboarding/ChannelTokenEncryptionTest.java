package io.igrelay.ingress.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.EncryptedValue;
import io.igrelay.avro.Flavour;
import io.igrelay.ingress.channels.ChannelRegistryView;
import io.igrelay.schemas.crypto.TokenCipher;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tokens leave the connector only encrypted (AES-256-GCM, key id stored): round trip, tampering, rotation. */
class ChannelTokenEncryptionTest {

    private static final String TOKEN = "IGAAsandboxlonglivedtoken123";
    private final Vertx vertx = Vertx.vertx();
    private final ChannelRegistryView registry = new ChannelRegistryView();
    private final FoldingPublisher publisher = new FoldingPublisher(registry);

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    private ChannelEvent connect(TokenCipher cipher) {
        ChannelConnector connector = new ChannelConnector(vertx, registry, publisher, cipher, Clock.systemUTC(),
                Duration.ofSeconds(1));
        connector.connect("app-a", new ConnectedAccount(Flavour.INSTAGRAM_LOGIN, "1784", "shop", "2714", "2000",
                Optional.empty(), TOKEN, Instant.now(), Optional.empty())).await();
        return publisher.events().get(publisher.events().size() - 1);
    }

    @Test
    void shouldRoundTripTheTokenUnderTheCurrentKeyId() {
        ChannelEvent event = connect(OnboardingHarness.CIPHER);

        assertThat(event.getToken().getKeyId()).isEqualTo("k1");
        assertThat(new String(bytes(event.getToken()), StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN);
        assertThat(OnboardingHarness.CIPHER.decrypt(event.getToken())).isEqualTo(TOKEN);
    }

    @Test
    void shouldDetectATamperedToken() {
        EncryptedValue token = connect(OnboardingHarness.CIPHER).getToken();
        byte[] bytes = bytes(token);
        bytes[bytes.length - 1] ^= 1;

        assertThatThrownBy(() -> OnboardingHarness.CIPHER.decrypt(new EncryptedValue("k1", ByteBuffer.wrap(bytes))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failed authentication");
    }

    @Test
    void shouldStillDecryptTokensOfARotatedOutKey() {
        ChannelEvent old = connect(OnboardingHarness.CIPHER);
        TokenCipher rotated = TokenCipher.parse("k2:" + Base64.getEncoder().encodeToString(new byte[32]) + ",k1:"
                + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes()));

        assertThat(rotated.decrypt(old.getToken())).isEqualTo(TOKEN);
        assertThat(connect(rotated).getToken().getKeyId()).isEqualTo("k2");
    }

    private static byte[] bytes(EncryptedValue value) {
        ByteBuffer buffer = value.getCiphertext().duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
