package io.igrelay.schemas.failure;

import io.igrelay.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;

/*
 * Builds the one shape of a dead letter (topic ig.outbound.dlq): the original key and value bytes, where they were
 * read (topic, partition, offset), why, and the exception class. The reason names the check that failed; it never
 * quotes the record's content, so a letter does not leak message text into logs that print it.
 */
public final class DeadLetters {

    private DeadLetters() {
    }

    public static DeadLetter of(String topic, int partition, long offset, byte[] key, byte[] value,
                                String reason, Throwable error, Instant at) {
        return DeadLetter.newBuilder()
                .setOriginalKey(key == null ? null : ByteBuffer.wrap(key))
                .setOriginalValue(value == null ? null : ByteBuffer.wrap(value))
                .setTopic(topic).setPartition(partition).setOffset(offset)
                .setReason(reason)
                .setErrorClass(error == null ? null : error.getClass().getName())
                .setAt(at)
                .build();
    }
}
