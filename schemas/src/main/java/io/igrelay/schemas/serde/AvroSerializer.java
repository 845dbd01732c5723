package io.igrelay.schemas.serde;

import io.igrelay.schemas.registry.SchemaRegistryClient;
import io.igrelay.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/*
 * Writes Avro records (generated classes or GenericRecord) in the Confluent wire format, registering the record's
 * schema under the TopicNameStrategy subject "<topic>-value" (or "-key") on first use; the id is cached per topic
 * and schema, so the registry is asked once (with auto.register.schemas=false it only looks the id up). Built by
 * constructor in our services, or by class name with schema.registry.url in the Kafka properties.
 */
public class AvroSerializer<T> implements Serializer<T> {

    private SchemaRegistryClient registry;
    private boolean isKey;
    private boolean autoRegister = true;
    private final Map<TopicSchema, Integer> ids = new ConcurrentHashMap<>();
    private final Map<WriterKey, DatumWriter<Object>> writers = new ConcurrentHashMap<>();

    private record TopicSchema(String topic, Schema schema) {
    }

    private record WriterKey(Schema schema, boolean specific) {
    }

    /** For Kafka's reflection; {@link #configure} must follow with schema.registry.url. */
    public AvroSerializer() {
    }

    public AvroSerializer(SchemaRegistryClient registry, boolean isKey) {
        this(registry, isKey, true);
    }

    /** @param autoRegister false to only look up ids of schemas registered beforehand */
    public AvroSerializer(SchemaRegistryClient registry, boolean isKey, boolean autoRegister) {
        this.registry = registry;
        this.isKey = isKey;
        this.autoRegister = autoRegister;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (registry == null) {
            this.registry = AvroSerdeConfig.registry(configs);
            this.isKey = isKey;
            this.autoRegister = AvroSerdeConfig.autoRegister(configs);
        }
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null; // tombstone
        }
        if (!(data instanceof IndexedRecord record)) {
            throw new SerializationException("AvroSerializer writes Avro records only, got "
                    + data.getClass().getName() + " for topic " + topic);
        }
        if (registry == null) {
            throw new SerializationException("AvroSerializer is not configured: pass a SchemaRegistryClient or set "
                    + AvroSerdeConfig.SCHEMA_REGISTRY_URL);
        }
        Schema schema = record.getSchema();
        int id = schemaId(topic, schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        ConfluentWireFormat.writeHeader(out, id);
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writerFor(schema, record instanceof SpecificRecord).write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not write " + schema.getFullName() + " for topic " + topic
                    + " with schema id " + id + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private int schemaId(String topic, Schema schema) {
        TopicSchema key = new TopicSchema(topic, schema);
        Integer cached = ids.get(key);
        if (cached != null) {
            return cached;
        }
        String subject = topic + (isKey ? "-key" : "-value");
        try {
            int id = autoRegister ? registry.register(subject, schema) : registry.lookup(subject, schema);
            ids.put(key, id);
            return id;
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Could not " + (autoRegister ? "register " : "find registered ")
                    + schema.getFullName() + " under subject " + subject + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private DatumWriter<Object> writerFor(Schema schema, boolean specific) {
        // generated classes carry their logical-type conversions (Instant); generic records hold raw longs
        return writers.computeIfAbsent(new WriterKey(schema, specific), key -> specific
                ? (DatumWriter<Object>) (DatumWriter<?>) new SpecificDatumWriter<>(schema,
                        SpecificData.getForSchema(schema))
                : new GenericDatumWriter<>(schema, GenericData.get()));
    }

    @Override
    public void close() {
        // the registry client is shared and owned by whoever built it
    }
}
