package io.igrelay.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.igrelay.avro.OutboundMessage;
import io.igrelay.schemas.registry.InMemorySchemaRegistry;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/*
 * An outside producer configures the serde by class name and Kafka properties only (value.serializer +
 * schema.registry.url), like Confluent's KafkaAvroSerializer; Streams does the same for default serdes.
 */
class AvroSerdeConfigTest {

    private static final String SCOPE = "serde-config-test";
    private static final Map<String, Object> CONFIG = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mem://" + SCOPE);

    @AfterEach
    void dropScope() {
        InMemorySchemaRegistry.dropScope(SCOPE);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldWorkWhenBuiltByClassNameAndConfiguredByProperties() throws Exception {
        Serializer<Object> serializer = Utils.newInstance(AvroSerializer.class.getName(), Serializer.class);
        serializer.configure(CONFIG, false);
        byte[] bytes = serializer.serialize("ig.outbound.requests", Samples.textMessage());

        Deserializer<Object> deserializer = Utils.newInstance(AvroDeserializer.class.getName(), Deserializer.class);
        deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mem://" + SCOPE,
                AvroSerdeConfig.VALUE_TYPE, OutboundMessage.class.getName()), false);
        assertThat(deserializer.deserialize("ig.outbound.requests", bytes)).isEqualTo(Samples.textMessage());
        assertThat(InMemorySchemaRegistry.scope(SCOPE).subjects()).containsExactly("ig.outbound.requests-value");
    }

    @Test
    void shouldReadGenericRecordsWhenNoTypeIsConfigured() {
        AvroSerializer<OutboundMessage> serializer = new AvroSerializer<>();
        serializer.configure(CONFIG, false);
        AvroDeserializer<Object> deserializer = new AvroDeserializer<>();
        deserializer.configure(CONFIG, false);
        Object read = deserializer.deserialize("t", serializer.serialize("t", Samples.textMessage()));
        assertThat(read).isInstanceOf(GenericRecord.class);
    }

    @Test
    void shouldReadGeneratedClassNamedByWriterWhenSpecificReaderIsSet() {
        AvroSerde<Object> serde = new AvroSerde<>();
        serde.configure(CONFIG, false);
        Object read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", Samples.textMessage()));
        assertThat(read).isEqualTo(Samples.textMessage());
    }

    @Test
    void shouldOnlyLookUpIdsWhenAutoRegisterIsOff() {
        Map<String, Object> noRegister = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mem://" + SCOPE,
                AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false");
        AvroSerializer<OutboundMessage> serializer = new AvroSerializer<>();
        serializer.configure(noRegister, false);
        assertThatThrownBy(() -> serializer.serialize("ig.outbound.requests", Samples.textMessage()))
                .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class)
                .hasMessageContaining("Could not find registered io.igrelay.avro.OutboundMessage")
                .hasMessageContaining("ig.outbound.requests-value");

        int id = InMemorySchemaRegistry.scope(SCOPE).register("ig.outbound.requests-value",
                OutboundMessage.getClassSchema());
        byte[] bytes = serializer.serialize("ig.outbound.requests", Samples.textMessage());
        assertThat(ConfluentWireFormat.schemaId("ig.outbound.requests", bytes)).isEqualTo(id);
    }

    @Test
    void shouldNameTheMissingRegistryUrl() {
        assertThatThrownBy(() -> new AvroSerializer<>().configure(Map.of(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void shouldRefuseSerdeForNonGeneratedClass() {
        assertThatThrownBy(() -> new AvroSerdes(new InMemorySchemaRegistry()).forType(String.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String");
    }
}
