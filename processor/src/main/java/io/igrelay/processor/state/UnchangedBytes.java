package io.igrelay.processor.state;

import io.igrelay.schemas.serde.ConfluentWireFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Lets a sink write the bytes a record arrived with when it forwards that very object: the conversation task reads
 * each event from the repartition topic and writes the same object to {@code ig.events}, and encoding it again was
 * ~9 % of that task's thread in the backlog benchmark. The bytes are reused only for the object the source decoded
 * (identity, among the last few decoded on this stream thread: Streams decodes the next record of a queue before the
 * current one is processed), and only when they carry the schema id that the sink's serializer uses for its own
 * topic (a Confluent-compatible registry gives one id per distinct schema, whatever the subject); anything else is
 * encoded as usual. Processors between the two must not mutate the decoded object (they build new records).
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
            if (value != null) {
                int[] slot = next.get();
                recent.get()[slot[0]] = new Decoded(value, bytes);
                slot[0] = (slot[0] + 1) % REMEMBERED;
            }
            return value;
        };
        return Serdes.serdeFrom(inner.serializer(), deserializer);
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

    private record Decoded(Object value, byte[] bytes) {
    }
}
