package io.igrelay.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/*
 * Avro's binary decoder allocates a string, bytes or array from the length a record claims before it reads a byte
 * of it, so ten bytes from Kafka claiming a 1 GiB string would allocate 1 GiB. This decoder refuses any length or
 * item count larger than the record itself: in every schema of the hub each byte, character and item takes at least
 * one byte of the encoding, so a larger claim can only be a corrupt or hostile record, and what it allocates is
 * bounded by the record's own size.
 */
final class BoundedDecoder extends Decoder {

    private final BinaryDecoder in;
    private final long limit;

    /** @param limit the size of the whole record in bytes: no length or count may exceed it */
    BoundedDecoder(BinaryDecoder in, long limit) {
        this.in = in;
        this.limit = limit;
    }

    private int checked(long claimed, String what) throws IOException {
        if (claimed < 0 || claimed > limit) {
            throw new IOException("Avro " + what + " of " + claimed + " claimed by a record of " + limit
                    + " bytes (corrupt or hostile length prefix)");
        }
        return (int) claimed;
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = checked(in.readLong(), "string length");
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        if (length > 0) {
            in.readFixed(result.getBytes(), 0, length);
        }
        return result;
    }

    @Override
    public String readString() throws IOException {
        int length = checked(in.readLong(), "string length");
        if (length == 0) {
            return "";
        }
        byte[] bytes = new byte[length];
        in.readFixed(bytes, 0, length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = checked(in.readLong(), "bytes length");
        ByteBuffer result = old != null && old.hasArray() && length <= old.capacity() ? old.clear()
                : ByteBuffer.allocate(length);
        in.readFixed(result.array(), result.arrayOffset() + result.position(), length);
        result.limit(length);
        return result;
    }

    @Override
    public long readArrayStart() throws IOException {
        return checked(in.readArrayStart(), "array block count");
    }

    @Override
    public long arrayNext() throws IOException {
        return checked(in.arrayNext(), "array block count");
    }

    @Override
    public long skipArray() throws IOException {
        return checked(in.skipArray(), "array block count");
    }

    @Override
    public long readMapStart() throws IOException {
        return checked(in.readMapStart(), "map block count");
    }

    @Override
    public long mapNext() throws IOException {
        return checked(in.mapNext(), "map block count");
    }

    @Override
    public long skipMap() throws IOException {
        return checked(in.skipMap(), "map block count");
    }

    @Override
    public void readNull() throws IOException {
        in.readNull();
    }

    @Override
    public boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    @Override
    public int readInt() throws IOException {
        return in.readInt();
    }

    @Override
    public long readLong() throws IOException {
        return in.readLong();
    }

    @Override
    public float readFloat() throws IOException {
        return in.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return in.readDouble();
    }

    @Override
    public void skipString() throws IOException {
        in.skipString();
    }

    @Override
    public void skipBytes() throws IOException {
        in.skipBytes();
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        in.readFixed(bytes, start, length);
    }

    @Override
    public void skipFixed(int length) throws IOException {
        in.skipFixed(length);
    }

    @Override
    public int readEnum() throws IOException {
        return in.readEnum();
    }

    @Override
    public int readIndex() throws IOException {
        return in.readIndex();
    }
}
