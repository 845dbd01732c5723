package io.igrelay.schemas.topics;

/** Kafka's cleanup.policy values the catalogue uses: event logs are deleted by age, state topics are compacted. */
public enum CleanupPolicy {
    DELETE("delete"),
    COMPACT("compact");

    private final String config;

    CleanupPolicy(String config) {
        this.config = config;
    }

    public String config() {
        return config;
    }
}
