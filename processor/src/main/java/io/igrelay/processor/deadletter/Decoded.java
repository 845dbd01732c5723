package io.igrelay.processor.deadletter;

import io.igrelay.avro.DeadLetter;

/** A record of an outbound topic after decoding: its value (null for a tombstone), or the letter that replaces it. */
record Decoded<V>(V value, DeadLetter letter) {

    static <V> Decoded<V> of(V value) {
        return new Decoded<>(value, null);
    }

    static <V> Decoded<V> undecodable(DeadLetter letter) {
        return new Decoded<>(null, letter);
    }

    boolean decoded() {
        return letter == null;
    }
}
