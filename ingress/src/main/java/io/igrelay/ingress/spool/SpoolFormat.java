package io.igrelay.ingress.spool;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The on-disk layout of one spool record: {@code int length | int crc32c | long appendedAt | int keyLength |
 * key | value}, where length and CRC cover everything after the CRC. A record whose length is impossible or whose
 * CRC does not match is a torn or corrupted write: recovery never replays it, and finds the next record by looking,
 * byte by byte, for a frame whose length, append time, key length and CRC all hold ({@link #frameAt}).
 */
final class SpoolFormat {

    static final int HEADER = 8;
    /** A 4 MiB body plus its Avro envelope fits well inside this; anything larger is corruption. */
    static final int MAX_BODY = 16 * 1024 * 1024;
    /** Milliseconds of the year 5000: a larger append time is not one this spool wrote. */
    private static final long MAX_APPENDED_AT = 95_617_584_000_000L;

    private SpoolFormat() {
    }

    static int encodedSize(byte[] key, byte[] value) {
        return HEADER + 12 + (key == null ? 0 : key.length) + value.length;
    }

    static ByteBuffer encode(long appendedAt, byte[] key, byte[] value) {
        ByteBuffer buf = ByteBuffer.allocate(encodedSize(key, value));
        buf.position(HEADER);
        buf.putLong(appendedAt);
        buf.putInt(key == null ? -1 : key.length);
        if (key != null) {
            buf.put(key);
        }
        buf.put(value);
        int bodyLength = buf.position() - HEADER;
        buf.putInt(0, bodyLength);
        buf.putInt(4, crc(buf.array(), HEADER, bodyLength));
        buf.flip();
        return buf;
    }

    /** Valid body length from a record header, or -1 when the length is impossible. */
    static int bodyLength(ByteBuffer header) {
        int length = header.getInt(0);
        return length < 12 || length > MAX_BODY ? -1 : length;
    }

    /** Decodes a body whose header was {@code header}; empty when the CRC does not match. */
    static Optional<Decoded> decode(ByteBuffer header, byte[] body) {
        if (crc(body, 0, body.length) != header.getInt(4)) {
            return Optional.empty();
        }
        ByteBuffer buf = ByteBuffer.wrap(body);
        long appendedAt = buf.getLong();
        int keyLength = buf.getInt();
        if (keyLength > buf.remaining()) {
            return Optional.empty();
        }
        byte[] key = null;
        if (keyLength >= 0) {
            key = new byte[keyLength];
            buf.get(key);
        }
        byte[] value = new byte[buf.remaining()];
        buf.get(value);
        return Optional.of(new Decoded(appendedAt, key, value));
    }

    /**
     * The whole length (header included) of a valid record starting at {@code pos} of {@code data}, or -1. The
     * cheap checks (length, a plausible append time, key length) come before the CRC, so scanning garbage is fast.
     */
    static int frameAt(ByteBuffer data, int pos) {
        int limit = data.limit();
        if (pos < 0 || pos + HEADER + 12 > limit) {
            return -1;
        }
        int length = data.getInt(pos);
        if (length < 12 || length > MAX_BODY || (long) pos + HEADER + length > limit) {
            return -1;
        }
        long appendedAt = data.getLong(pos + HEADER);
        int keyLength = data.getInt(pos + HEADER + 8);
        if (appendedAt < 0 || appendedAt > MAX_APPENDED_AT || keyLength < -1 || keyLength > length - 12) {
            return -1;
        }
        CRC32C crc = new CRC32C();
        crc.update(data.duplicate().limit(pos + HEADER + length).position(pos + HEADER));
        return (int) crc.getValue() == data.getInt(pos + 4) ? HEADER + length : -1;
    }

    /** The start of the next valid record at or after {@code from}, or -1 when none follows. */
    static int nextFrame(ByteBuffer data, int from) {
        for (int pos = from; pos + HEADER + 12 <= data.limit(); pos++) {
            if (frameAt(data, pos) > 0) {
                return pos;
            }
        }
        return -1;
    }

    /** The append time of the valid record at {@code pos} (see {@link #frameAt}). */
    static long appendedAt(ByteBuffer data, int pos) {
        return data.getLong(pos + HEADER);
    }

    private static int crc(byte[] data, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, offset, length);
        return (int) crc.getValue();
    }

    record Decoded(long appendedAt, byte[] key, byte[] value) {
    }
}
