package io.igrelay.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

    @Test
    void shouldTurnKafkaVariablesIntoClientProperties() {
        KafkaSettings settings = KafkaSettings.read(new EnvReader(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "broker:9092",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "PLAIN",
                "KAFKA_HEAP_OPTS", "-Xmx1g")));

        Properties producer = settings.producer("p");
        assertThat(producer.getProperty("bootstrap.servers")).isEqualTo("broker:9092");
        assertThat(producer.getProperty("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(producer.getProperty("sasl.mechanism")).isEqualTo("PLAIN");
        assertThat(producer).doesNotContainKey("heap.opts").doesNotContainKey("bootstrap.servers.");
    }

    @Test
    void shouldMakeProducersIdempotentWithAcksAll() {
        Properties producer = KafkaSettings.read(new EnvReader(Map.of())).producer("p");
        assertThat(producer.getProperty("acks")).isEqualTo("all");
        assertThat(producer.getProperty("enable.idempotence")).isEqualTo("true");
    }

    @Test
    void shouldLetOperatorOverridesWinOverDefaults() {
        Properties producer = KafkaSettings.read(new EnvReader(Map.of("KAFKA_LINGER_MS", "20"))).producer("p");
        assertThat(producer.getProperty("linger.ms")).isEqualTo("20");
    }

    @Test
    void shouldReadCommittedInConsumers() {
        Properties consumer = KafkaSettings.read(new EnvReader(Map.of())).consumer("c", "g");
        assertThat(consumer.getProperty("isolation.level")).isEqualTo("read_committed");
        assertThat(consumer.getProperty("enable.auto.commit")).isEqualTo("false");
    }

    @Test
    void shouldUseSpecDefaults() {
        KafkaSettings settings = KafkaSettings.read(new EnvReader(Map.of()));
        assertThat(settings.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(settings.schemaRegistryUrl()).isEqualTo("http://localhost:8085/apis/ccompat/v7");
        assertThat(settings.topics().partitions()).isEqualTo(6);
        assertThat(settings.topics().replicationFactor()).isEqualTo((short) 1);
        assertThat(settings.topics().autoCreate()).isTrue();
        assertThat(settings.devMode()).isFalse();
    }
}
