package io.igrelay.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.igrelay.avro.OutboundMessage;
import io.igrelay.avro.TextContent;
import io.igrelay.schemas.registry.CompatibilityLevel;
import io.igrelay.schemas.registry.RestSchemaRegistryClient;
import io.igrelay.schemas.registry.SchemaRegistryClient;
import io.igrelay.schemas.registry.SchemaRegistryException;
import io.igrelay.testkit.KafkaStack;
import io.igrelay.testkit.KafkaStackExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/*
 * The contract promise of contract §4, against the real broker and the real registry (Apicurio's Confluent API):
 * what our serializer writes, a plain consumer that knows only the registry's REST API decodes exactly as
 * Confluent's KafkaAvroDeserializer does — magic byte, 4-byte id, GET /schemas/ids/{id}, Avro binary.
 */
@ExtendWith(KafkaStackExtension.class)
class ConfluentWireFormatIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldBeReadableByAPlainConsumerThatKnowsOnlyTheRegistryRestApi(KafkaStack stack) throws Exception {
        String topic = stack.uniqueTopic("ig.outbound.requests");
        stack.createTopic(topic, 3, Map.of());
        List<OutboundMessage> sent = List.of(Samples.textMessage(), Samples.buttonsMessage());
        try (KafkaProducer<String, OutboundMessage> producer = stack.producer(new StringSerializer(),
                stack.serdes().forType(OutboundMessage.class).serializer())) {
            for (OutboundMessage message : sent) {
                producer.send(new ProducerRecord<>(topic, message.getTo(), message)).get();
            }
        }

        List<ConsumerRecord<byte[], byte[]>> records = stack.readAll(topic, new ByteArrayDeserializer(),
                new ByteArrayDeserializer(), sent.size(), Duration.ofSeconds(30));
        assertThat(records).extracting(r -> decodeLikeConfluent(stack.registryUrl(), r.value())
                .get("messageId").toString())
                .containsExactlyInAnyOrder(sent.get(0).getMessageId(), sent.get(1).getMessageId());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            GenericRecord decoded = decodeLikeConfluent(stack.registryUrl(), record.value());
            OutboundMessage expected = sent.stream()
                    .filter(m -> m.getMessageId().equals(decoded.get("messageId").toString())).findFirst()
                    .orElseThrow();
            assertThat(decoded.get("to").toString()).isEqualTo(expected.getTo());
            assertThat(decoded.get("from").toString()).isEqualTo(expected.getFrom());
            assertThat(decoded.get("requestedAt")).isEqualTo(expected.getRequestedAt().toEpochMilli());
            assertThat(decoded.get("authoredBy").toString()).isEqualTo(expected.getAuthoredBy().name());
            GenericRecord content = (GenericRecord) decoded.get("content");
            assertThat(content.getSchema().getName()).isEqualTo(expected.getContent().getClass().getSimpleName());
            if (expected.getContent() instanceof TextContent expectedText) {
                assertThat(content.get("text").toString()).isEqualTo(expectedText.getText());
            }
        }
    }

    @Test
    void shouldRegisterUnderTopicValueSubject(KafkaStack stack) throws Exception {
        String topic = stack.uniqueTopic("ig.outbound.requests");
        byte[] bytes = stack.serdes().forType(OutboundMessage.class).serializer()
                .serialize(topic, Samples.textMessage());

        JsonNode subjects = get(stack.registryUrl() + "/subjects");
        assertThat(subjects.toString()).contains("\"" + topic + "-value\"");
        JsonNode latest = get(stack.registryUrl() + "/subjects/" + topic + "-value/versions/latest");
        assertThat(latest.path("id").asInt()).isEqualTo(ByteBuffer.wrap(bytes, 1, 4).getInt());
        assertThat(new Schema.Parser().parse(latest.path("schema").asText()))
                .isEqualTo(OutboundMessage.getClassSchema());
        assertThat(new RestSchemaRegistryClient(stack.registryUrl(), Optional.empty())
                .lookup(topic + "-value", OutboundMessage.getClassSchema()))
                .isEqualTo(latest.path("id").asInt());
    }

    @Test
    void shouldRefuseABreakingSchemaUnderBackwardAndAcceptACompatibleOne(KafkaStack stack) {
        String subject = stack.uniqueTopic("ig.outbound.requests") + "-value";
        SchemaRegistryClient registry = new RestSchemaRegistryClient(stack.registryUrl(), Optional.empty());
        int v1 = registry.register(subject, OutboundMessage.getClassSchema());
        registry.setCompatibility(subject, CompatibilityLevel.BACKWARD);

        Schema breaking = withExtraField("{\"name\":\"priority\",\"type\":\"int\",\"doc\":\"no default\"}");
        assertThat(registry.testCompatibility(subject, breaking)).isFalse();
        assertThatThrownBy(() -> registry.register(subject, breaking))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isIncompatible()).isTrue())
                .hasMessageContaining(subject);

        Schema compatible = withExtraField("{\"name\":\"priority\",\"type\":\"int\",\"default\":0,\"doc\":\"d\"}");
        assertThat(registry.testCompatibility(subject, compatible)).isTrue();
        int v2 = registry.register(subject, compatible);
        assertThat(v2).isNotEqualTo(v1);
        assertThat(registry.getLatest(subject)).get().satisfies(latest -> assertThat(latest.id()).isEqualTo(v2));
    }

    @Test
    void shouldReportAnIdTheRealRegistryDoesNotKnowAsMalformed(KafkaStack stack) {
        byte[] bytes = stack.serdes().forType(OutboundMessage.class).serializer()
                .serialize(stack.uniqueTopic("t"), Samples.textMessage());
        ByteBuffer.wrap(bytes).putInt(1, 987_654);
        assertThatThrownBy(() -> stack.serdes().deserializer(OutboundMessage.class).deserialize("t", bytes))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("Unknown schema id 987654");
    }

    private static Schema withExtraField(String fieldJson) {
        String current = OutboundMessage.getClassSchema().toString();
        int end = current.lastIndexOf(']');
        return new Schema.Parser().parse(current.substring(0, end) + "," + fieldJson + current.substring(end));
    }

    /** Exactly Confluent's KafkaAvroDeserializer in generic mode, with nothing but the registry's REST API. */
    private GenericRecord decodeLikeConfluent(String registryUrl, byte[] value) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(value);
            assertThat(buffer.get()).as("magic byte").isEqualTo((byte) 0);
            int id = buffer.getInt();
            JsonNode answer = get(registryUrl + "/schemas/ids/" + id);
            Schema writer = new Schema.Parser().parse(answer.path("schema").asText());
            var decoder = DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null);
            return new GenericDatumReader<GenericRecord>(writer).read(null, decoder);
        } catch (Exception e) {
            throw new AssertionError("plain decoding failed: " + e, e);
        }
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "application/vnd.schemaregistry.v1+json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + url + " -> " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
