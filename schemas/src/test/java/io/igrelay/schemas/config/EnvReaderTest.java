package io.igrelay.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvReaderTest {

    @Test
    void shouldReportEveryProblemInOneException() {
        EnvReader env = new EnvReader(Map.of("PORT", "eighty", "TIMEOUT", "soon", "FLAG", "maybe"));
        env.integer("PORT", 8080, 1, 65535);
        env.duration("TIMEOUT", Duration.ofSeconds(1));
        env.bool("FLAG", false);
        env.required("SECRET");

        assertThatThrownBy(() -> env.throwIfProblems("svc"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("4 problem(s)")
                .hasMessageContaining("PORT must be an integer")
                .hasMessageContaining("TIMEOUT must be a duration")
                .hasMessageContaining("FLAG must be true or false")
                .hasMessageContaining("SECRET is required");
    }

    @Test
    void shouldParseShortAndIsoDurations() {
        EnvReader env = new EnvReader(Map.of("A", "500ms", "B", "24h", "C", "7d", "D", "PT10S"));
        assertThat(env.duration("A", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
        assertThat(env.duration("B", Duration.ZERO)).isEqualTo(Duration.ofHours(24));
        assertThat(env.duration("C", Duration.ZERO)).isEqualTo(Duration.ofDays(7));
        assertThat(env.duration("D", Duration.ZERO)).isEqualTo(Duration.ofSeconds(10));
        assertThat(env.problems()).isEmpty();
    }

    @Test
    void shouldRejectOutOfRangeIntegersAndRelativeUrls() {
        EnvReader env = new EnvReader(Map.of("PORT", "70000", "URL", "localhost:8080"));
        env.integer("PORT", 8080, 1, 65535);
        env.url("URL", "http://x");
        assertThat(env.problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("between 1 and 65535"))
                .anySatisfy(p -> assertThat(p).contains("absolute http(s) URL"));
    }

    @Test
    void shouldStripTrailingSlashOfUrls() {
        EnvReader env = new EnvReader(Map.of("URL", "http://localhost:8090/graph.facebook.com/"));
        assertThat(env.url("URL", null).toString()).isEqualTo("http://localhost:8090/graph.facebook.com");
    }

    @Test
    void shouldNeverEchoSecretValuesInToString() {
        Secret secret = new Secret("s3cr3t");
        assertThat(secret.toString()).doesNotContain("s3cr3t");
        assertThat(secret.matches("s3cr3t")).isTrue();
        assertThat(secret.matches("s3cr3T")).isFalse();
        assertThat(secret.matches(null)).isFalse();
    }
}
