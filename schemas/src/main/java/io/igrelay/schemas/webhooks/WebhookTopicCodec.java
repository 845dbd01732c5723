package io.igrelay.schemas.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.serde.ConfluentWireFormat;
import io.igrelay.schemas.serde.MalformedRecordException;
import java.io.IOException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/*
 * The one wire format of a hub-internal webhook topic: writes the topic's Avro record in the Confluent wire format
 * through the service's serdes (the serializer caches the schema id, so the registry is asked once), and reads both
 * that and the JSON object the versions before wrote by hand (a value starting with '{'), so records already on the
 * topic stay readable without an application reset. Anything else is a MalformedRecordException, which the readers
 * dead-letter or skip as they did for bad JSON; a null value (tombstone) stays null.
 */
public final class WebhookTopicCodec<T extends SpecificRecord> implements Deserializer<T> {

    /** Reads one JSON record of the format before Avro; throws MalformedRecordException when it lacks a field. */
    @FunctionalInterface
    public interface LegacyJson<T> {
        T read(String topic, JsonNode json);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Serializer<T> serializer;
    private final Deserializer<T> deserializer;
    private final LegacyJson<T> legacy;

    public WebhookTopicCodec(AvroSerdes serdes, Class<T> type, LegacyJson<T> legacy) {
        this.serializer = serdes.serializer();
        this.deserializer = serdes.deserializer(type);
        this.legacy = legacy;
    }

    /** The record's bytes for {@code topic} (Confluent wire format). */
    public byte[] encode(String topic, T value) {
        return serializer.serialize(topic, value);
    }

    /** The record of a value read from {@code topic}: Avro, or the JSON of the versions before. */
    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length > 0 && bytes[0] == ConfluentWireFormat.MAGIC_BYTE) {
            return deserializer.deserialize(topic, bytes);
        }
        if (!looksLikeJson(bytes)) {
            throw new MalformedRecordException(String.format("record of %d bytes on %s is neither Avro (magic byte 0)"
                    + " nor a JSON object", bytes.length, topic), topic, -1);
        }
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new MalformedRecordException("record on " + topic + " is not a JSON object", topic, -1, e);
        }
        if (node == null || !node.isObject()) {
            throw new MalformedRecordException("record on " + topic + " is not a JSON object", topic, -1);
        }
        return legacy.read(topic, node);
    }

    private static boolean looksLikeJson(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b == '{';
            }
        }
        return false;
    }

    /** A text field of a legacy record, null when absent or null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
