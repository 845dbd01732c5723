package io.igrelay.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.igrelay.schemas.config.ConfigException;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessorConfigTest {

    private static final String KEYS = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void shouldDefaultToSpecValues() {
        ProcessorConfig config = ProcessorConfig.fromEnv(Map.of("TOKEN_ENCRYPTION_KEYS", KEYS));
        assertThat(config.port()).isEqualTo(8081);
        assertThat(config.advertisedUrl().toString()).isEqualTo("http://localhost:8081");
        assertThat(config.humanAgentEnabled()).isFalse();
        assertThat(config.applicationId()).isEqualTo("igrelay-processor");
    }

    @Test
    void shouldPrefixTheApplicationIdWithTheTopicPrefix() {
        ProcessorConfig config = ProcessorConfig.fromEnv(Map.of("TOKEN_ENCRYPTION_KEYS", KEYS,
                "TOPIC_PREFIX", "staging."));
        assertThat(config.applicationId()).isEqualTo("staging.igrelay-processor");
    }

    @Test
    void shouldRefuseToStartWithoutTokenKeys() {
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("HUMAN_AGENT_ENABLED", "perhaps")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TOKEN_ENCRYPTION_KEYS is required")
                .hasMessageContaining("HUMAN_AGENT_ENABLED must be true or false");
    }
}
