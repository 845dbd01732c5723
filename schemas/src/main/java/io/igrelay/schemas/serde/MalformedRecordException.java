package io.igrelay.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/*
 * A record's bytes are not a value the hub can trust: empty, not the Confluent wire format, an id the registry does
 * not know, or an Avro body that does not decode. Consumers send such records to the DLQ (or log them with
 * topic/partition/offset) and carry on; a garbage object is never returned instead. The message names the check
 * that failed, the topic and the schema id when one was read.
 */
public class MalformedRecordException extends SerializationException {

    private final String topic;
    private final int schemaId;

    public MalformedRecordException(String message, String topic, int schemaId, Throwable cause) {
        super(message, cause);
        this.topic = topic;
        this.schemaId = schemaId;
    }

    public MalformedRecordException(String message, String topic, int schemaId) {
        this(message, topic, schemaId, null);
    }

    /** The topic the bytes came from (may be null when the caller did not say). */
    public String topic() {
        return topic;
    }

    /** The schema id read from the header, or -1 when the header itself was bad. */
    public int schemaId() {
        return schemaId;
    }
}
