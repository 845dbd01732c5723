package io.igrelay.processor.state;

import io.igrelay.schemas.serde.ConfluentWireFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Lets a sink write bytes already made for the very object it is handed: the conversation task reads each event from
 * the repartition topic and writes the same object to {@code ig.events} (encoding it again was ~9 % of that task's
 * thread in the backlog benchmark), and the window tracker encodes each changed window for its store and then
 * forwards the same object to {@code ig.windows}. The bytes are reused only for an object decoded or encoded here
 * (identity, among the last few on this stream thread: Streams decodes the next record of a queue before the
 * current one is processed), and only when they carry the schema id that the sink's serializer uses for its own
 * topic (a Confluent-compatible registry gives one id per distinct schema, whatever the subject); anything else is
 * encoded as usual. Processors in between must not mutate the object (they build new records).
 */
public final class UnchangedBytes<T> {

    private static final int REMEMBERED = 8;

    private final Serde<T> inner;
    private final ThreadLocal<Decoded[]> recent = ThreadLocal.withInitial(() -> new Decoded[REMEMBERED]);
    private final ThreadLocal<int[]> next = ThreadLocal.withInitial(() -> new int[1]);
    private final Map<String, Integer> sinkSchemaIds = new ConcurrentHashMap<>();

    public UnchangedBytes(Serde<T> inner) {
        this.inner = inner;
    }

    /** For the topic records are read from: encodes as usual, and remembers each decoded object with its bytes. */
    public Serde<T> source() {
        Deserializer<T> deserializer = (topic, bytes) -> {
            T value = inner.deserializer().deserialize(topic, bytes);
            remember(value, bytes);
            return value;
        };
        return Serdes.serdeFrom(inner.serializer(), deserializer);
    }

    /** For a store written before the sink: remembers each object it encodes with its bytes. */
    public Serde<T> encoder() {
        Serializer<T> serializer = (topic, value) -> {
            byte[] bytes = inner.serializer().serialize(topic, value);
            remember(value, bytes);
            return bytes;
        };
        return Serdes.serdeFrom(serializer, inner.deserializer());
    }

    /** For the topic the same objects are written to: their arrival bytes when the schema id agrees. */
    public Serde<T> sink() {
        Serializer<T> serializer = (topic, value) -> {
            Integer sinkId = sinkSchemaIds.get(topic);
            if (value != null && sinkId != null) {
                for (Decoded decoded : recent.get()) {
                    if (decoded != null && decoded.value() == value
                            && ConfluentWireFormat.schemaId(topic, decoded.bytes()) == sinkId) {
                        return decoded.bytes();
                    }
                }
            }
            byte[] encoded = inner.serializer().serialize(topic, value);
            if (sinkId == null && encoded != null) {
                sinkSchemaIds.put(topic, ConfluentWireFormat.schemaId(topic, encoded));
            }
            return encoded;
        };
        return Serdes.serdeFrom(serializer, inner.deserializer());
    }

    private void remember(T value, byte[] bytes) {
        if (value != null && bytes != null) {
            int[] slot = next.get();
            recent.get()[slot[0]] = new Decoded(value, bytes);
            slot[0] = (slot[0] + 1) % REMEMBERED;
        }
    }

    private record Decoded(Object value, byte[] bytes) {
    }
}
