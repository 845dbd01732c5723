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

    @Test
    void shouldReadTheWindowRulesTableAndTunables() {
        ProcessorConfig config = ProcessorConfig.fromEnv(Map.of("TOKEN_ENCRYPTION_KEYS", KEYS,
                "WINDOW_STANDARD_LENGTHS", "ad_referral=24h,REFERRAL=48h", "DEDUP_HORIZON", "3d",
                "ECHO_GRACE_PERIOD", "30s"));
        var rules = config.topology().windowRules();
        assertThat(rules.standardFor(io.igrelay.avro.WindowTrigger.AD_REFERRAL)).isEqualTo(java.time.Duration.ofHours(24));
        assertThat(rules.standardFor(io.igrelay.avro.WindowTrigger.REFERRAL)).isEqualTo(java.time.Duration.ofHours(48));
        assertThat(rules.standardFor(io.igrelay.avro.WindowTrigger.MESSAGE)).isEqualTo(java.time.Duration.ofHours(24));
        assertThat(config.topology().dedupHorizon()).isEqualTo(java.time.Duration.ofDays(3));
        assertThat(config.topology().echoGrace()).isEqualTo(java.time.Duration.ofSeconds(30));
    }

    @Test
    void shouldDefaultTheAdReferralWindowToSevenDays() {
        ProcessorConfig config = ProcessorConfig.fromEnv(Map.of("TOKEN_ENCRYPTION_KEYS", KEYS));
        assertThat(config.topology().windowRules().standardFor(io.igrelay.avro.WindowTrigger.AD_REFERRAL))
                .isEqualTo(java.time.Duration.ofDays(7));
        assertThat(config.topology().dedupHorizon()).isEqualTo(java.time.Duration.ofDays(7));
    }

    @Test
    void shouldNameABadWindowRule() {
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("TOKEN_ENCRYPTION_KEYS", KEYS,
                "WINDOW_STANDARD_LENGTHS", "NOPE=1d,MESSAGE=soon")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown trigger in 'NOPE=1d'")
                .hasMessageContaining("'MESSAGE=soon' needs a positive duration");
    }
}
