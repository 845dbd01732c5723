package io.igrelay.schemas.failure;

/*
 * The three kinds of failure every consumer of the hub tells apart, because each gets a different answer: the
 * record's own fault (dead-letter it and go on), a dependency that is away (wait and retry; never skip), or anything
 * else (retry a bounded number of times, then dead-letter, so that one record never stalls a partition forever).
 */
public enum FailureKind {
    /** The record's bytes are not a value the hub can read: not the wire format, an unknown schema, bad Avro. */
    MALFORMED,
    /** A dependency did not answer or refused for now: the schema registry, the broker, Meta. Not the record's fault. */
    DEPENDENCY_UNAVAILABLE,
    /** Anything else: a bug, a value the logic refuses, a write the broker rejects for this record. */
    UNEXPECTED
}
