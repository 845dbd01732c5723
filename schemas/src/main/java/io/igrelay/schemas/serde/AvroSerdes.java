package io.igrelay.schemas.serde;

import io.igrelay.schemas.registry.SchemaRegistryClient;
import io.igrelay.schemas.registry.SchemaRegistryClients;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/*
 * The one place a service gets its serdes from: built once from the service's registry client, it hands out a
 * Serde per generated class (for Streams, producers and consumers) and a GenericRecord deserializer for plain
 * consumers that know only the registry.
 */
public final class AvroSerdes {

    private final SchemaRegistryClient registry;

    public AvroSerdes(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    /** Serdes for SCHEMA_REGISTRY_URL / SCHEMA_REGISTRY_BASIC_AUTH ("mem://scope" in tests). */
    public static AvroSerdes fromUrl(String url, Optional<String> basicAuth) {
        return new AvroSerdes(SchemaRegistryClients.fromUrl(url, basicAuth));
    }

    /** A value serde for a generated class, e.g. {@code forType(OutboundMessage.class)}. */
    public <T> Serde<T> forType(Class<T> type) {
        return new AvroSerde<>(registry, requireGenerated(type), false);
    }

    /** A key serde for a generated class (subject "<topic>-key"); our topics key by string, so rarely needed. */
    public <T> Serde<T> forKeyType(Class<T> type) {
        return new AvroSerde<>(registry, requireGenerated(type), true);
    }

    /** A value serializer for any Avro record, generated or generic. */
    public <T> Serializer<T> serializer() {
        return new AvroSerializer<>(registry, false);
    }

    /** A value deserializer into a generated class. */
    public <T> Deserializer<T> deserializer(Class<T> type) {
        return new AvroDeserializer<>(registry, requireGenerated(type));
    }

    /** Reads any value as a GenericRecord with its writer's schema, as a plain consumer would. */
    public Deserializer<GenericRecord> genericDeserializer() {
        return AvroDeserializer.generic(registry);
    }

    /** A serde of GenericRecord (writes with the record's schema, reads with the writer's schema). */
    public Serde<GenericRecord> genericSerde() {
        return new AvroSerde<>(registry, null, false);
    }

    public SchemaRegistryClient registry() {
        return registry;
    }

    private static <T> Class<T> requireGenerated(Class<T> type) {
        if (!SpecificRecord.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(type.getName() + " is not an Avro generated class (SpecificRecord)");
        }
        return type;
    }
}
