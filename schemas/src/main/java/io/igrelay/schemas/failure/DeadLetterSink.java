package io.igrelay.schemas.failure;

import io.igrelay.avro.DeadLetter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Where a consumer puts a record it gives up on. Services back it with a producer to ig.outbound.dlq; a part that
 * reads a topic which keeps the record anyway (a view of a compacted topic) may only log and count, since nothing
 * is lost by not copying it.
 */
@FunctionalInterface
public interface DeadLetterSink {

    void send(DeadLetter letter);

    /** Logs topic/partition/offset and reason (never the bytes). */
    static DeadLetterSink logOnly(Class<?> owner) {
        Logger log = LoggerFactory.getLogger(owner);
        return letter -> log.warn("gave up record {}/{}@{}: {}", letter.getTopic(), letter.getPartition(),
                letter.getOffset(), letter.getReason());
    }
}
