package io.igrelay.schemas.registry;

/*
 * The compatibility levels of the Confluent Schema Registry API, with the Avro check each one means.
 * Shared by the in-memory registry and by tests so that "BACKWARD" means the same thing everywhere:
 * BACKWARD = the new schema (reader) reads data written with the old one; FORWARD = the reverse.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** The new schema must read data written with the existing ones. */
    public boolean backward() {
        return backward;
    }

    /** The existing schemas must read data written with the new one. */
    public boolean forward() {
        return forward;
    }

    /** Checked against every earlier version, not only the latest. */
    public boolean transitive() {
        return transitive;
    }
}
