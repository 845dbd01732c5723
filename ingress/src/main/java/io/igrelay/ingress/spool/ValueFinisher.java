package io.igrelay.ingress.spool;

/**
 * Turns a spooled value into the bytes the replayer writes. The intake spools a delivery even while the schema
 * registry is away, with a placeholder schema id; the finisher fills in the real id on the replay thread once the
 * registry answered, and says {@link NotYet} until then (the record stays at the head of the spool, nothing skips).
 */
@FunctionalInterface
public interface ValueFinisher {

    /** Values written as they were spooled (their schema id was known when they were spooled). */
    ValueFinisher AS_SPOOLED = value -> value;

    /** The bytes to write; throws {@link NotYet} while a dependency needed to finish them is away. */
    byte[] finish(byte[] spooled);

    /** The value cannot be finished yet (e.g. the schema is not registered yet); retry later. */
    final class NotYet extends RuntimeException {
        public NotYet(String why) {
            super(why, null, false, false);
        }
    }
}
