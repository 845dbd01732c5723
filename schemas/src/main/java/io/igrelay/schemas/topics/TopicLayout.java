package io.igrelay.schemas.topics;

/**
 * How a deployment lays out the catalogue: the name prefix, the partition count of every topic, the replication
 * factor, and whether a service may create missing topics or must only check them (TOPIC_AUTO_CREATE=false).
 */
public record TopicLayout(String prefix, int partitions, short replicationFactor, boolean autoCreate) {

    public TopicLayout {
        prefix = prefix == null ? "" : prefix;
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be >= 1, was " + replicationFactor);
        }
    }

    public String name(TopicSpec<?> spec) {
        return spec.name(prefix);
    }

    /** With three or more replicas a write must reach two of them (acks=all), as in the compose deployment. */
    public int minInsyncReplicas() {
        return replicationFactor >= 3 ? 2 : 1;
    }
}
