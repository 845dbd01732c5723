package io.igrelay.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.ThreadMXBean;
import io.igrelay.avro.OutboundMessage;
import io.igrelay.schemas.registry.InMemorySchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

/*
 * A tiny record whose length prefix claims a huge string, bytes or array is malformed, and is refused before Avro
 * allocates what it claims: the decoding thread allocates far less than the claim (measured with the JVM's
 * per-thread allocation counter, not a timer).
 */
class DecodingLimitsTest {

    private static final String TOPIC = "ig.test";
    private static final long ONE_GIB = 1L << 30;
    private static final long ONE_MIB = 1L << 20;

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    private static final Schema STRING_RECORD = new Schema.Parser().parse("""
            {"type":"record","name":"S","namespace":"t","fields":[{"name":"text","type":"string"}]}""");
    private static final Schema BYTES_RECORD = new Schema.Parser().parse("""
            {"type":"record","name":"B","namespace":"t","fields":[{"name":"body","type":"bytes"}]}""");
    private static final Schema ARRAY_RECORD = new Schema.Parser().parse("""
            {"type":"record","name":"A","namespace":"t","fields":[{"name":"items",
             "type":{"type":"array","items":"string"}}]}""");
    private static final Schema MAP_RECORD = new Schema.Parser().parse("""
            {"type":"record","name":"M","namespace":"t","fields":[{"name":"entries",
             "type":{"type":"map","values":"string"}}]}""");

    @Test
    void shouldRefuseATenByteRecordClaimingAOneGibStringWithoutAllocatingIt() {
        byte[] record = claim(STRING_RECORD, ONE_GIB);
        assertThat(record.length).isLessThanOrEqualTo(12);
        assertRefusedCheaply(record);
    }

    @Test
    void shouldRefuseATinyRecordClaimingOneGibOfBytes() {
        assertRefusedCheaply(claim(BYTES_RECORD, ONE_GIB));
    }

    @Test
    void shouldRefuseATinyRecordClaimingABillionArrayItems() {
        assertRefusedCheaply(claim(ARRAY_RECORD, ONE_GIB));
    }

    @Test
    void shouldRefuseATinyRecordClaimingABillionMapEntries() {
        assertRefusedCheaply(claim(MAP_RECORD, ONE_GIB));
    }

    @Test
    void shouldRefuseANegativeLength() {
        assertThatThrownBy(() -> generic().deserialize(TOPIC, claim(STRING_RECORD, -5)))
                .isInstanceOf(MalformedRecordException.class);
    }

    @Test
    void shouldStillReadGeneratedRecordsWithStringsArraysMapsAndBytes() {
        AvroSerdes serdes = new AvroSerdes(registry);
        OutboundMessage message = Samples.textMessage();
        byte[] bytes = serdes.forType(OutboundMessage.class).serializer().serialize(TOPIC, message);
        assertThat(serdes.deserializer(OutboundMessage.class).deserialize(TOPIC, bytes)).isEqualTo(message);
    }

    @Test
    void shouldStillReadGenericRecordsWithEveryKindOfLength() {
        GenericRecord bytesRecord = new GenericData.Record(BYTES_RECORD);
        bytesRecord.put("body", ByteBuffer.wrap(new byte[] {1, 2, 3}));
        GenericRecord arrayRecord = new GenericData.Record(ARRAY_RECORD);
        arrayRecord.put("items", List.of("a", "", "ccc"));
        GenericRecord mapRecord = new GenericData.Record(MAP_RECORD);
        mapRecord.put("entries", Map.of("", "value of an empty key"));
        AvroSerdes serdes = new AvroSerdes(registry);
        for (GenericRecord record : List.of(bytesRecord, arrayRecord, mapRecord)) {
            String topic = TOPIC + "." + record.getSchema().getName();
            byte[] encoded = serdes.genericSerde().serializer().serialize(topic, record);
            assertThat(generic().deserialize(topic, encoded).toString()).isEqualTo(record.toString());
        }
    }

    private void assertRefusedCheaply(byte[] record) {
        Deserializer<GenericRecord> deserializer = generic();
        deserializer.deserialize(TOPIC, validOfSameSchemaIdAs(record)); // warm: reader and schema cached
        long before = allocatedByThisThread();
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, record))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("claimed by a record of " + (record.length - 5) + " bytes");
        assertThat(allocatedByThisThread() - before).isLessThan(ONE_MIB);
    }

    private Deserializer<GenericRecord> generic() {
        return AvroDeserializer.generic(registry);
    }

    /** Header + the zig-zag varint {@code claimed} + two bytes of body: a record that is mostly a length prefix. */
    private byte[] claim(Schema schema, long claimed) {
        int id = registry.register(schema.getFullName() + "-value", schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConfluentWireFormat.writeHeader(out, id);
        long zigzag = (claimed << 1) ^ (claimed >> 63);
        while ((zigzag & ~0x7FL) != 0) {
            out.write((int) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        out.write((int) zigzag);
        out.write('x');
        out.write('y');
        return out.toByteArray();
    }

    /** A valid empty value (length/count 0) of the schema the bad record names, to warm the caches. */
    private byte[] validOfSameSchemaIdAs(byte[] record) {
        byte[] valid = new byte[6];
        System.arraycopy(record, 0, valid, 0, 5);
        return valid;
    }

    private static long allocatedByThisThread() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
