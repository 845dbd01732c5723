package io.igrelay.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.OutboundMessage;
import io.igrelay.schemas.registry.InMemorySchemaRegistry;
import io.igrelay.schemas.registry.RegisteredSchema;
import io.igrelay.schemas.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/*
 * The bytes on the topic are exactly Confluent's: magic byte 0, the registry id big-endian, then plain Avro
 * binary; the schema is registered under the TopicNameStrategy subject, once per topic.
 */
class WireFormatLayoutTest {

    @Test
    void shouldWriteMagicByteThenBigEndianIdThenAvroBinary() throws Exception {
        FixedIdRegistry registry = new FixedIdRegistry(0x01020304);
        byte[] bytes = new AvroSerializer<OutboundMessage>(registry, false)
                .serialize("ig.outbound.requests", Samples.textMessage());

        ByteArrayOutputStream avro = new ByteArrayOutputStream();
        var encoder = EncoderFactory.get().binaryEncoder(avro, null);
        new SpecificDatumWriter<>(OutboundMessage.class).write(Samples.textMessage(), encoder);
        encoder.flush();

        assertThat(bytes).startsWith(0, 1, 2, 3, 4);
        assertThat(bytes).hasSize(5 + avro.size());
        assertThat(java.util.Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(avro.toByteArray());
        assertThat(ConfluentWireFormat.schemaId("t", bytes)).isEqualTo(0x01020304);
    }

    @Test
    void shouldRegisterUnderTopicValueAndKeySubjects() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        new AvroSerializer<OutboundMessage>(registry, false).serialize("ig.outbound.requests", Samples.textMessage());
        new AvroSerializer<OutboundMessage>(registry, true).serialize("ig.outbound.requests", Samples.textMessage());
        assertThat(registry.subjects())
                .containsExactly("ig.outbound.requests-key", "ig.outbound.requests-value");
        assertThat(registry.getLatest("ig.outbound.requests-value")).get()
                .extracting(RegisteredSchema::schema).isEqualTo(OutboundMessage.getClassSchema());
    }

    @Test
    void shouldAskTheRegistryOncePerTopicAndSchema() {
        FixedIdRegistry registry = new FixedIdRegistry(7);
        AvroSerializer<OutboundMessage> serializer = new AvroSerializer<>(registry, false);
        for (int i = 0; i < 100; i++) {
            serializer.serialize("ig.outbound.requests", Samples.textMessage());
        }
        serializer.serialize("other.topic", Samples.textMessage());
        assertThat(registry.registrations.get()).isEqualTo(2);
    }

    /** Answers one fixed id and counts registrations. */
    static final class FixedIdRegistry implements SchemaRegistryClient {
        final AtomicInteger registrations = new AtomicInteger();
        private final int id;

        FixedIdRegistry(int id) {
            this.id = id;
        }

        @Override
        public int register(String subject, Schema schema) {
            registrations.incrementAndGet();
            return id;
        }

        @Override
        public int lookup(String subject, Schema schema) {
            return id;
        }

        @Override
        public Schema getById(int requested) {
            return OutboundMessage.getClassSchema();
        }

        @Override
        public boolean testCompatibility(String subject, Schema schema) {
            return true;
        }

        @Override
        public void setCompatibility(String subject, io.igrelay.schemas.registry.CompatibilityLevel level) {
        }

        @Override
        public Optional<RegisteredSchema> getLatest(String subject) {
            return Optional.empty();
        }

        @Override
        public List<String> subjects() {
            return List.of();
        }

        @Override
        public String describe() {
            return "fixed-id registry";
        }
    }
}
