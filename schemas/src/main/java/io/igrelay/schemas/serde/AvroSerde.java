package io.igrelay.schemas.serde;

import io.igrelay.schemas.registry.SchemaRegistryClient;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/*
 * The Kafka Streams face of the wire-format serde: one Serde per value type, built from a registry client in our
 * services (AvroSerdes.forType), or by class name as a default serde with schema.registry.url and
 * igrelay.avro.value.type in the Streams config.
 */
public class AvroSerde<T> implements Serde<T> {

    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    /** For Kafka's reflection; {@link #configure} must follow. */
    public AvroSerde() {
        this.serializer = new AvroSerializer<>();
        this.deserializer = new AvroDeserializer<>();
    }

    public AvroSerde(SchemaRegistryClient registry, Class<T> type, boolean isKey) {
        this.serializer = new AvroSerializer<>(registry, isKey);
        this.deserializer = new AvroDeserializer<>(registry, type);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Map<String, Object> withDefaults = new HashMap<>(configs);
        // a serde built by class name without a type reads into the generated class named by the writer schema
        withDefaults.putIfAbsent(AvroSerdeConfig.SPECIFIC_AVRO_READER, "true");
        serializer.configure(withDefaults, isKey);
        deserializer.configure(withDefaults, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
    }
}
