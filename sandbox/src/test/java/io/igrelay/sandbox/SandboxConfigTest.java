package io.igrelay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The config record: documented defaults, and every problem named in one error. */
class SandboxConfigTest {

    @Test
    void shouldUseTheDocumentedDefaults() {
        SandboxConfig c = SandboxConfig.fromEnv(Map.of());
        assertThat(c.port()).isEqualTo(8090);
        assertThat(c.webhookUrl().toString()).isEqualTo("http://localhost:8080/webhooks/instagram");
        assertThat(c.deletionCallbackUrl().toString()).isEqualTo("http://localhost:8080/meta/data-deletion");
        assertThat(c.deauthorizeCallbackUrl().toString()).isEqualTo("http://localhost:8080/meta/deauthorize");
        assertThat(c.echoes()).isTrue();
        assertThat(c.latencyMs()).isZero();
        assertThat(c.graphApiVersion()).isEqualTo("v27.0");
        assertThat(c.rateLimitText()).isEqualTo(100);
        assertThat(c.rateLimitMedia()).isEqualTo(10);
    }

    @Test
    void shouldNameEveryProblemAtOnce() {
        assertThatThrownBy(() -> SandboxConfig.fromEnv(Map.of("SANDBOX_PORT", "x", "SANDBOX_ECHOES", "maybe",
                "SANDBOX_WEBHOOK_URL", "ftp://nowhere", "GRAPH_API_VERSION", "23")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SANDBOX_PORT").hasMessageContaining("SANDBOX_ECHOES")
                .hasMessageContaining("SANDBOX_WEBHOOK_URL").hasMessageContaining("GRAPH_API_VERSION");
    }
}
