package io.igrelay.schemas.serde;

import io.igrelay.schemas.registry.SchemaRegistryClient;
import io.igrelay.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.serialization.Deserializer;

/*
 * Reads Confluent wire-format values the way Confluent's KafkaAvroDeserializer does: check the magic byte, read the
 * schema id, fetch the writer schema by id (cached), and resolve it into the reader schema — the generated class's
 * (so older and newer writers both work) or the writer's own for GenericRecord. Anything that does not decode
 * cleanly is a MalformedRecordException, including a length or count larger than the record (BoundedDecoder), so
 * a few bytes never allocate gigabytes; a null value (tombstone) stays null.
 */
public class AvroDeserializer<T> implements Deserializer<T> {

    private SchemaRegistryClient registry;
    private Class<T> type;
    private boolean specificByWriterName;
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

    /** For Kafka's reflection; {@link #configure} must follow with schema.registry.url. */
    public AvroDeserializer() {
    }

    /** Reads into {@code type} (a generated class), or GenericRecord with the writer's schema when null. */
    public AvroDeserializer(SchemaRegistryClient registry, Class<T> type) {
        this.registry = registry;
        this.type = type;
    }

    /** A deserializer for plain consumers that know no generated class. */
    public static AvroDeserializer<GenericRecord> generic(SchemaRegistryClient registry) {
        return new AvroDeserializer<>(registry, null);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (registry == null) {
            this.registry = AvroSerdeConfig.registry(configs);
            this.type = AvroSerdeConfig.readType(configs, isKey);
            this.specificByWriterName = AvroSerdeConfig.specificReader(configs);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null; // tombstone
        }
        int id = ConfluentWireFormat.schemaId(topic, data);
        DatumReader<T> reader = readerFor(topic, id);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, ConfluentWireFormat.HEADER_SIZE,
                data.length - ConfluentWireFormat.HEADER_SIZE, null);
        T value;
        try {
            value = reader.read(null, new BoundedDecoder(decoder,
                    data.length - ConfluentWireFormat.HEADER_SIZE));
        } catch (IOException | RuntimeException e) {
            throw new MalformedRecordException("Avro body of " + data.length + " bytes on topic " + topic
                    + " does not decode with writer schema id " + id + " (truncated or corrupt): " + e, topic, id, e);
        }
        try {
            if (!decoder.isEnd()) {
                throw new MalformedRecordException("Avro body on topic " + topic + " has trailing bytes after a "
                        + "complete record of writer schema id " + id + " (corrupt or wrong schema id)", topic, id);
            }
        } catch (IOException e) {
            throw new MalformedRecordException("Avro body on topic " + topic + " could not be checked for its end"
                    + " (schema id " + id + "): " + e, topic, id, e);
        }
        return value;
    }

    private DatumReader<T> readerFor(String topic, int id) {
        DatumReader<T> cached = readers.get(id);
        if (cached != null) {
            return cached;
        }
        Schema writer = writerSchema(topic, id);
        DatumReader<T> reader = newReader(topic, id, writer);
        readers.putIfAbsent(id, reader);
        return reader;
    }

    private Schema writerSchema(String topic, int id) {
        try {
            return registry.getById(id);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw new MalformedRecordException("Unknown schema id " + id + " on topic " + topic
                        + ": the registry " + registry.describe() + " has no such schema", topic, id, e);
            }
            throw e; // the registry is down or refusing: not the record's fault, so not "malformed"
        }
    }

    @SuppressWarnings("unchecked")
    private DatumReader<T> newReader(String topic, int id, Schema writer) {
        Class<?> target = type;
        if (target == null && specificByWriterName) {
            target = SpecificData.get().getClass(writer);
        }
        if (target == null) {
            return (DatumReader<T>) new GenericDatumReader<GenericRecord>(writer, writer, GenericData.get());
        }
        SpecificData model = SpecificData.getForClass(target);
        Schema readerSchema = model.getSchema(target);
        var compatibility = SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writer);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new MalformedRecordException("Writer schema id " + id + " (" + writer.getFullName() + ") on topic "
                    + topic + " cannot be read as " + target.getName() + ": "
                    + compatibility.getResult().getIncompatibilities(), topic, id);
        }
        return new SpecificDatumReader<>(writer, readerSchema, model);
    }

    @Override
    public void close() {
        // the registry client is shared and owned by whoever built it
    }
}
