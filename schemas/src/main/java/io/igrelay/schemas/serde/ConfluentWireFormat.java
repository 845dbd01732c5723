package io.igrelay.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/*
 * The Confluent wire format every topic value uses (contract §4): magic byte 0, the schema id as 4 bytes big
 * endian, then the Avro binary body. Kept in one place so the header checks (and their messages) are the same for
 * the deserializer, the DLQ tooling and tests.
 */
public final class ConfluentWireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private ConfluentWireFormat() {
    }

    /** Writes the 5-byte header for {@code schemaId} to {@code out}. */
    public static void writeHeader(ByteArrayOutputStream out, int schemaId) {
        out.write(MAGIC_BYTE);
        out.write(schemaId >>> 24);
        out.write(schemaId >>> 16);
        out.write(schemaId >>> 8);
        out.write(schemaId);
    }

    /**
     * The schema id of a wire-format value, after checking its header.
     *
     * @throws MalformedRecordException when the bytes are empty, too short or do not start with the magic byte
     */
    public static int schemaId(String topic, byte[] data) {
        if (data == null || data.length == 0) {
            throw new MalformedRecordException("Empty value on topic " + topic
                    + ": expected the Confluent wire format (magic byte 0, 4-byte schema id, Avro body)", topic, -1);
        }
        if (data[0] != MAGIC_BYTE) {
            throw new MalformedRecordException(String.format("Unknown magic byte 0x%02x on topic %s (expected 0x00):"
                    + " the value is not in the Confluent wire format%s", data[0] & 0xff, topic,
                    data[0] == '{' ? " (it looks like JSON)" : ""), topic, -1);
        }
        if (data.length < HEADER_SIZE) {
            throw new MalformedRecordException("Value on topic " + topic + " is " + data.length
                    + " bytes, shorter than the 5-byte header (magic byte + 4-byte schema id)", topic, -1);
        }
        return ByteBuffer.wrap(data, 1, 4).getInt();
    }
}
