package io.igrelay.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.igrelay.avro.OutboundMessage;
import io.igrelay.avro.TextContent;
import io.igrelay.schemas.registry.InMemorySchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

/*
 * Bytes that are not a trustworthy record never become an object: each failed check is a MalformedRecordException
 * whose message says which check failed, on which topic, with which schema id — what the DLQ and the logs need.
 */
class MalformedPayloadTest {

    private static final String TOPIC = "ig.outbound.requests";
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerdes serdes = new AvroSerdes(registry);
    private final Deserializer<OutboundMessage> deserializer = serdes.deserializer(OutboundMessage.class);

    private byte[] validBytes() {
        return serdes.forType(OutboundMessage.class).serializer().serialize(TOPIC, Samples.textMessage());
    }

    @Test
    void shouldRejectEmptyValue() {
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[0]))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("Empty value on topic " + TOPIC);
    }

    @Test
    void shouldRejectWrongMagicByteAndSayItLooksLikeJson() {
        byte[] json = "{\"messageId\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, json))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("Unknown magic byte 0x7b")
                .hasMessageContaining(TOPIC)
                .hasMessageContaining("looks like JSON");
    }

    @Test
    void shouldRejectValueShorterThanHeader() {
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {0, 0, 1}))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("shorter than the 5-byte header");
    }

    @Test
    void shouldRejectUnknownSchemaIdNamingIt() {
        byte[] bytes = validBytes();
        bytes[4] = 99;
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("Unknown schema id 99 on topic " + TOPIC)
                .satisfies(e -> assertThat(((MalformedRecordException) e).schemaId()).isEqualTo(99));
    }

    @Test
    void shouldRejectTruncatedAvroBody() {
        byte[] valid = validBytes();
        for (int length = 6; length < valid.length; length += 7) {
            byte[] truncated = Arrays.copyOf(valid, length);
            assertThatThrownBy(() -> deserializer.deserialize(TOPIC, truncated))
                    .as("truncated to %d of %d bytes", length, valid.length)
                    .isInstanceOf(MalformedRecordException.class)
                    .hasMessageContaining("truncated or corrupt")
                    .hasMessageContaining("schema id 1");
        }
    }

    @Test
    void shouldRejectTrailingBytesAfterRecord() {
        byte[] valid = validBytes();
        byte[] longer = Arrays.copyOf(valid, valid.length + 3);
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, longer))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("trailing bytes");
    }

    @Test
    void shouldRejectWriterSchemaThatCannotBeReadAsTheTargetClass() {
        Schema textOnly = TextContent.getClassSchema();
        byte[] bytes = serdes.serializer().serialize(TOPIC + ".other", new TextContent("hi"));
        assertThat(registry.getById(ConfluentWireFormat.schemaId(TOPIC, bytes))).isEqualTo(textOnly);
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("cannot be read as io.igrelay.avro.OutboundMessage");
    }
}
