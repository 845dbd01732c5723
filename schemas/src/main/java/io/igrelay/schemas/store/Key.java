package io.igrelay.schemas.store;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/*
 * Builds and reads the byte keys of the local store so that byte order is the order queries need: a one-letter table
 * tag, strings with a two-byte length before them (so a webhook id is an exact prefix, never a prefix of a longer
 * one), and numbers big-endian with the sign bit flipped (so negative times sort before positive ones).
 */
public final class Key {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    private Key(char table) {
        out.write((byte) table);
    }

    private Key(byte[] prefix) {
        out.writeBytes(prefix);
    }

    public static Key of(char table) {
        return new Key(table);
    }

    /** A value (or key part) without a table tag. */
    public static Key empty() {
        return new Key(new byte[0]);
    }

    /** A key that continues {@code prefix}. */
    public static Key from(byte[] prefix) {
        return new Key(prefix);
    }

    public Key str(String value) {
        byte[] bytes = (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0xFFFF) {
            throw new IllegalArgumentException("key part longer than 65535 bytes");
        }
        out.write(bytes.length >>> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
        return this;
    }

    public Key i64(long value) {
        out.writeBytes(ByteBuffer.allocate(8).putLong(value ^ Long.MIN_VALUE).array());
        return this;
    }

    public Key i32(int value) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(value ^ Integer.MIN_VALUE).array());
        return this;
    }

    public Key u8(int value) {
        out.write(value);
        return this;
    }

    public Key raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    /** A value of one number (8 bytes, same encoding as {@link #i64}). */
    public static byte[] number(long value) {
        return ByteBuffer.allocate(8).putLong(value ^ Long.MIN_VALUE).array();
    }

    public static long number(byte[] value) {
        return ByteBuffer.wrap(value).getLong() ^ Long.MIN_VALUE;
    }

    /** The smallest key greater than every key that starts with {@code prefix} (an exclusive upper bound). */
    public static byte[] after(byte[] prefix) {
        byte[] next = Arrays.copyOf(prefix, prefix.length);
        for (int i = next.length - 1; i >= 0; i--) {
            if (next[i] != (byte) 0xFF) {
                next[i]++;
                return Arrays.copyOf(next, i + 1);
            }
        }
        throw new IllegalArgumentException("no key follows an all-0xFF prefix");
    }

    /** Reads the parts of a key or value written by {@link Key}, in order. */
    public static final class Reader {
        private final ByteBuffer buffer;

        public Reader(byte[] bytes, int from) {
            this.buffer = ByteBuffer.wrap(bytes);
            this.buffer.position(from);
        }

        public String str() {
            int length = (buffer.get() & 0xFF) << 8 | (buffer.get() & 0xFF);
            byte[] bytes = new byte[length];
            buffer.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public long i64() {
            return buffer.getLong() ^ Long.MIN_VALUE;
        }

        public int i32() {
            return buffer.getInt() ^ Integer.MIN_VALUE;
        }

        public int u8() {
            return buffer.get() & 0xFF;
        }

        public int position() {
            return buffer.position();
        }

        public byte[] rest() {
            byte[] rest = new byte[buffer.remaining()];
            buffer.get(rest);
            return rest;
        }
    }
}
