package io.igrelay.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.schemas.config.Secret;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Known answers: RFC 4231-style vectors computed independently (openssl dgst -sha256 -hmac). */
class SignaturesTest {

    @Test
    void shouldComputeTheWikipediaHmacSha256Vector() {
        assertThat(AppSecretProof.of(new Secret("key"), "The quick brown fox jumps over the lazy dog"))
                .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }

    @Test
    void shouldMatchOnlyTheExactMac() {
        Secret key = new Secret("app-secret");
        byte[] body = "{\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
        byte[] mac = Hmac.sha256(key, body);
        assertThat(Hmac.matches(key, body, mac)).isTrue();
        mac[0] ^= 1;
        assertThat(Hmac.matches(key, body, mac)).isFalse();
        assertThat(Hmac.matches(key, body, null)).isFalse();
        assertThat(HexFormat.of().formatHex(Hmac.sha256(key, body))).hasSize(64);
    }
}
