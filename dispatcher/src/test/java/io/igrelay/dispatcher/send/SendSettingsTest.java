package io.igrelay.dispatcher.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.igrelay.dispatcher.DispatcherConfig;
import io.igrelay.schemas.config.ConfigException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.Test;

/* The Send API tuning comes from DISPATCHER_* variables with the contract's defaults; bad values stop the start-up. */
class SendSettingsTest {

    private final Map<String, String> env = new HashMap<>(Map.of(
            "TOKEN_ENCRYPTION_KEYS", "k1:" + Base64.getEncoder().encodeToString(new byte[32]),
            "INSTAGRAM_APP_ID", "1", "INSTAGRAM_APP_SECRET", "s"));

    @Test
    void shouldDefaultToSpecLimitsAndAShortCommitInterval() {
        SendSettings send = DispatcherConfig.fromEnv(env).send();

        assertThat(send.textPerSecond()).isEqualTo(100);
        assertThat(send.mediaPerSecond()).isEqualTo(10);
        assertThat(send.maxConcurrency()).isEqualTo(1000);
        assertThat(send.commitInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(send.bufferedRecords()).isEqualTo(10_000);
        assertThat(send.throttleFromInFlight()).isEqualTo(100);
    }

    @Test
    void shouldReadWhereTheWorkScanThrottleStarts() {
        env.put("DISPATCHER_THROTTLE_FROM_IN_FLIGHT", "250");

        assertThat(DispatcherConfig.fromEnv(env).send().throttleFromInFlight()).isEqualTo(250);
    }

    @Test
    void shouldBoundWhatTheParallelConsumerReadsAhead() {
        env.put("DISPATCHER_BUFFERED_RECORDS", "2500");
        SendSettings send = DispatcherConfig.fromEnv(env).send();

        var options = SendConsumer.options(new MockConsumer<>("earliest"), send);

        assertThat(options.getMessageBufferSize()).isEqualTo(2500);
        assertThat(options.getMaxConcurrency()).isEqualTo(1000);
    }

    @Test
    void shouldNameEveryMalformedVariable() {
        env.put("DISPATCHER_COMMIT_INTERVAL", "soon");
        env.put("DISPATCHER_MAX_CONCURRENCY", "0");
        env.put("DISPATCHER_BUFFERED_RECORDS", "0");
        env.put("DISPATCHER_THROTTLE_FROM_IN_FLIGHT", "many");

        assertThatThrownBy(() -> DispatcherConfig.fromEnv(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("DISPATCHER_COMMIT_INTERVAL").hasMessageContaining("DISPATCHER_MAX_CONCURRENCY")
                .hasMessageContaining("DISPATCHER_BUFFERED_RECORDS")
                .hasMessageContaining("DISPATCHER_THROTTLE_FROM_IN_FLIGHT must be an integer, was 'many'");
    }

    @Test
    void shouldKnowItsVariables() {
        assertThat(DispatcherConfig.knownVariables()).containsAll(SendSettings.VARIABLES);
    }
}
