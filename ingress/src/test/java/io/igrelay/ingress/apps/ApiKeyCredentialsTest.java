package io.igrelay.ingress.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** API keys igr_<keyId>_<secret>: parsing, generation, hashing and redaction. */
class ApiKeyCredentialsTest {

    @Test
    void shouldParseKeyIdAndASecretThatContainsUnderscores() {
        var key = ApiKeyCredentials.parse("igr_ab12cd34_se_cr-et_0123456789abcdef").orElseThrow();

        assertThat(key.keyId()).isEqualTo("ab12cd34");
        assertThat(key.secret()).isEqualTo("se_cr-et_0123456789abcdef");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "igr_", "igr_keyid", "igr__0123456789abcdef0", "igx_abcd_0123456789abcdef",
            "igr_ab!d_0123456789abcdef", "igr_abcd_short"})
    void shouldRefuseMalformedKeys(String presented) {
        assertThat(ApiKeyCredentials.parse(presented)).isEmpty();
    }

    @Test
    void shouldRoundTripAGeneratedKey() {
        var generated = ApiKeyCredentials.generate(new SecureRandom());

        assertThat(ApiKeyCredentials.parse(generated.presentable())).contains(generated);
        assertThat(generated.keyId()).hasSize(16);
    }

    @Test
    void shouldMatchOnlyTheSha256OfItsOwnSecret() {
        var key = ApiKeyCredentials.generate(new SecureRandom());

        assertThat(key.matches(ApiKeyCredentials.sha256(key.secret()))).isTrue();
        assertThat(key.matches(ApiKeyCredentials.sha256(key.secret() + "x"))).isFalse();
        assertThat(key.matches(null)).isFalse();
        assertThat(key.secretSha256()).hasSize(32);
    }

    @Test
    void shouldNeverShowTheSecretInToString() {
        var key = ApiKeyCredentials.generate(new SecureRandom());

        assertThat(key.toString()).doesNotContain(key.secret()).contains(key.keyId());
    }
}
