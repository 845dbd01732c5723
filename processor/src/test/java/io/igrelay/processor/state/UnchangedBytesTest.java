package io.igrelay.processor.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class UnchangedBytesTest {

    private final AtomicInteger sinkSchemaId = new AtomicInteger(7);
    private final AtomicInteger encodes = new AtomicInteger();
    /** A stand-in for the Avro serde: Confluent framing (magic 0, schema id), then UTF-8 text. */
    private final Serde<String> framed = Serdes.serdeFrom(
            (topic, value) -> {
                if (value == null) {
                    return null;
                }
                encodes.incrementAndGet();
                byte[] body = value.getBytes(StandardCharsets.UTF_8);
                return ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(sinkSchemaId.get()).put(body).array();
            },
            (topic, bytes) -> new String(bytes, 5, bytes.length - 5, StandardCharsets.UTF_8));
    private final UnchangedBytes<String> unchanged = new UnchangedBytes<>(framed);

    @Test
    void shouldWriteTheArrivalBytesOfTheSameObject() {
        unchanged.sink().serializer().serialize("ig.events", "first");  // learns the sink's schema id
        byte[] arrived = frame(7, "hello");
        String decoded = unchanged.source().deserializer().deserialize("repartition", arrived);
        unchanged.source().deserializer().deserialize("repartition", frame(7, "the next record, decoded early"));
        encodes.set(0);

        assertThat(unchanged.sink().serializer().serialize("ig.events", decoded)).isSameAs(arrived);
        assertThat(encodes).hasValue(0);
    }

    @Test
    void shouldWriteTheBytesAStoreEncodedForTheSameObject() {
        unchanged.sink().serializer().serialize("ig.windows", "first");
        String window = new String("next window".toCharArray());
        byte[] stored = unchanged.encoder().serializer().serialize("app-windows-changelog", window);
        encodes.set(0);

        assertThat(unchanged.sink().serializer().serialize("ig.windows", window)).isSameAs(stored);
        assertThat(unchanged.sink().serializer().serialize("ig.windows", null)).isNull();
        assertThat(encodes).hasValue(0);
    }

    @Test
    void shouldEncodeAnEqualButDifferentObject() {
        unchanged.sink().serializer().serialize("ig.events", "first");
        String decoded = unchanged.source().deserializer().deserialize("repartition", frame(7, "hello"));
        String copy = new String(decoded.toCharArray());

        byte[] written = unchanged.sink().serializer().serialize("ig.events", copy);
        assertThat(written).isEqualTo(frame(7, "hello"));
        assertThat(encodes).hasValue(2);
    }

    @Test
    void shouldEncodeWhenTheArrivalSchemaIdIsNotTheSinks() {
        unchanged.sink().serializer().serialize("ig.events", "first");
        String decoded = unchanged.source().deserializer().deserialize("repartition", frame(3, "older writer"));

        byte[] written = unchanged.sink().serializer().serialize("ig.events", decoded);
        assertThat(Arrays.copyOfRange(written, 1, 5)).isEqualTo(new byte[] {0, 0, 0, 7});
        assertThat(encodes).hasValue(2);
    }

    @Test
    void shouldEncodeTheFirstRecordOfATopicToLearnItsSchemaId() {
        byte[] arrived = frame(7, "hello");
        String decoded = unchanged.source().deserializer().deserialize("repartition", arrived);

        byte[] written = unchanged.sink().serializer().serialize("ig.events", decoded);
        assertThat(written).isNotSameAs(arrived).isEqualTo(arrived);
        assertThat(encodes).hasValue(1);
    }

    @Test
    void shouldForgetObjectsDecodedLongAgo() {
        unchanged.sink().serializer().serialize("ig.events", "first");
        String old = unchanged.source().deserializer().deserialize("repartition", frame(7, "old"));
        for (int i = 0; i < 8; i++) {
            unchanged.source().deserializer().deserialize("repartition", frame(7, "later " + i));
        }
        encodes.set(0);

        unchanged.sink().serializer().serialize("ig.events", old);
        assertThat(encodes).hasValue(1);
    }

    private static byte[] frame(int schemaId, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(schemaId).put(body).array();
    }
}
