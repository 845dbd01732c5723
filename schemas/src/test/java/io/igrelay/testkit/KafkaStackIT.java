package io.igrelay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/*
 * The shared test stack itself: one broker with the production feature set, topics created idempotently,
 * readAll sees exactly what was produced, and the registry starts with BACKWARD compatibility.
 */
@ExtendWith(KafkaStackExtension.class)
class KafkaStackIT {

    @Test
    void shouldHandOutTheSameStackToEveryTest(KafkaStack stack) {
        assertThat(stack).isSameAs(KafkaStack.shared());
        assertThat(stack.bootstrapServers()).isNotBlank();
    }

    @Test
    void shouldRunTheLatestProductionMetadataVersion(KafkaStack stack) throws Exception {
        FeatureMetadata features = stack.admin().describeFeatures().featureMetadata().get();
        assertThat(features.finalizedFeatures().get(MetadataVersion.FEATURE_NAME).maxVersionLevel())
                .isEqualTo(MetadataVersion.latestProduction().featureLevel());
    }

    @Test
    void shouldCreateTopicsIdempotentlyAndReadBackExactlyWhatWasProduced(KafkaStack stack) throws Exception {
        String topic = stack.uniqueTopic("testkit");
        stack.createTopic(topic, 2, Map.of("cleanup.policy", "compact"));
        stack.createTopic(topic, 2, Map.of("cleanup.policy", "compact"));
        assertThat(stack.admin().describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions())
                .hasSize(2);
        try (KafkaProducer<String, String> producer = stack.producer(new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get();
            }
        }
        assertThat(stack.readAll(topic, new StringDeserializer(), new StringDeserializer(), 5, Duration.ofSeconds(20)))
                .hasSize(5);
    }

    @Test
    void shouldStartTheRegistryWithBackwardCompatibility(KafkaStack stack) throws Exception {
        HttpResponse<String> config = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/config")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).contains("BACKWARD");
    }
}
