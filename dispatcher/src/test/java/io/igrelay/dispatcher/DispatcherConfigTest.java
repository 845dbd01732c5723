package io.igrelay.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.igrelay.schemas.config.ConfigException;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DispatcherConfigTest {

    private static final String KEYS = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void shouldAcceptAnInstagramLoginAppAlone() {
        DispatcherConfig config = DispatcherConfig.fromEnv(Map.of("TOKEN_ENCRYPTION_KEYS", KEYS,
                "INSTAGRAM_APP_ID", "99", "INSTAGRAM_APP_SECRET", "s",
                "GRAPH_INSTAGRAM_URL", "http://localhost:8090/graph.instagram.com/"));
        assertThat(config.port()).isEqualTo(8082);
        assertThat(config.meta().metaAppSecret()).isEmpty();
        assertThat(config.meta().graphInstagramUrl().toString())
                .isEqualTo("http://localhost:8090/graph.instagram.com");
    }

    @Test
    void shouldRequireAtLeastOneMetaApp() {
        assertThatThrownBy(() -> DispatcherConfig.fromEnv(Map.of("TOKEN_ENCRYPTION_KEYS", KEYS,
                "GRAPH_API_VERSION", "23")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("META_APP_ID/META_APP_SECRET or INSTAGRAM_APP_ID/INSTAGRAM_APP_SECRET")
                .hasMessageContaining("GRAPH_API_VERSION must look like v23.0");
    }
}
