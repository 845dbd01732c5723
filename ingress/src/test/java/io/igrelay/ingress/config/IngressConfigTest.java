package io.igrelay.ingress.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.igrelay.schemas.config.ConfigException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngressConfigTest {

    static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("META_APP_ID", "1234");
        env.put("META_APP_SECRET", "meta-secret");
        env.put("META_VERIFY_TOKEN", "verify-me");
        env.put("TOKEN_ENCRYPTION_KEYS", "k1:" + Base64.getEncoder().encodeToString(new byte[32]));
        return env;
    }

    @Test
    void shouldStartFromTheMinimalEnvironmentWithSpecDefaults() {
        IngressConfig config = IngressConfig.fromEnv(minimal());
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.managementPort()).isEqualTo(8083);
        assertThat(config.processorUrl().toString()).isEqualTo("http://localhost:8081");
        assertThat(config.publicBaseUrl().toString()).isEqualTo("http://localhost:8080");
        assertThat(config.meta().graphApiVersion()).isEqualTo("v27.0");
        assertThat(config.meta().facebookDialogUrl()).isEqualTo("https://www.facebook.com/v27.0/dialog/oauth");
    }

    @Test
    void shouldNameEveryMissingOrMalformedVariableAtOnce() {
        Map<String, String> env = new HashMap<>();
        env.put("INGRESS_PORT", "http");
        env.put("TOKEN_ENCRYPTION_KEYS", "k1:AAAA");
        env.put("META_APP_ID", "1234");

        assertThatThrownBy(() -> IngressConfig.fromEnv(env))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("INGRESS_PORT must be an integer")
                .hasMessageContaining("META_VERIFY_TOKEN is required")
                .hasMessageContaining("32 bytes")
                .hasMessageContaining("META_APP_ID and META_APP_SECRET must be set together");
    }

    @Test
    void shouldNotLeakSecretsIntoItsStringForm() {
        String text = IngressConfig.fromEnv(minimal()).toString();
        assertThat(text).doesNotContain("meta-secret").doesNotContain("verify-me");
    }

    @Test
    void shouldKnowEveryRequiredVariable() {
        assertThat(IngressConfig.knownVariables()).containsAll(IngressConfig.requiredVariables())
                .contains("KAFKA_BOOTSTRAP_SERVERS", "PUBLIC_BASE_URL", "GRAPH_INSTAGRAM_URL");
    }
}
