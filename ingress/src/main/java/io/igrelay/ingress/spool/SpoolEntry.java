package io.igrelay.ingress.spool;

/**
 * One record read back from the spool: its sequence number (arrival order since the spool was opened), when it
 * was appended, and the Kafka key and value bytes exactly as they will be produced. {@code end} locates the byte
 * after it, so the replayer can release everything up to it once Kafka acknowledged.
 */
public record SpoolEntry(long seq, long appendedAtMillis, byte[] key, byte[] value, Position end) {

    /** A place in the spool: segment number and byte offset inside that segment's file. */
    public record Position(long segment, long offset) {
    }

    public int size() {
        return SpoolFormat.encodedSize(key, value);
    }
}
