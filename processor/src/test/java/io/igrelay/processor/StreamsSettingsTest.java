package io.igrelay.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.processor.testing.TestFailures;
import java.util.Base64;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The processor's Streams properties keep exactly_once_v2 whatever the environment passes through as KAFKA_*. */
class StreamsSettingsTest {

    @Test
    void shouldKeepExactlyOnceV2WhenTheEnvironmentAsksForAnotherGuarantee() {
        ProcessorConfig config = ProcessorConfig.fromEnv(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "localhost:9092",
                "TOKEN_ENCRYPTION_KEYS", "k1:" + Base64.getEncoder().encodeToString(new byte[32]),
                "KAFKA_PROCESSING_GUARANTEE", "at_least_once"));

        assertThat(StreamsSettings.from(config, new TestFailures().failures).get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    }
}
