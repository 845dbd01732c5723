package io.igrelay.schemas.topics;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of the topic catalogue: the base name, the Avro value type, how the topic is cleaned and kept, and
 * which partition group it belongs to. Keys are UTF-8 strings on every topic. The name gets the deployment's
 * TOPIC_PREFIX in front.
 */
public record TopicSpec<V>(
        String baseName,
        Class<V> valueType,
        CleanupPolicy cleanup,
        Optional<Duration> retention,
        PartitionGroup group,
        Map<String, String> extraConfigs) {

    public TopicSpec {
        extraConfigs = Map.copyOf(extraConfigs);
    }

    /** The topic's name with the deployment's prefix (which may be empty). */
    public String name(String prefix) {
        return prefix == null || prefix.isEmpty() ? baseName : prefix + baseName;
    }

    /** Schema Registry subject of the value schema (TopicNameStrategy). */
    public String valueSubject(String prefix) {
        return name(prefix) + "-value";
    }

    /** The topic-level configs to create the topic with (cleanup, retention, extras). */
    public Map<String, String> topicConfigs() {
        Map<String, String> configs = new HashMap<>(extraConfigs);
        configs.put("cleanup.policy", cleanup.config());
        retention.ifPresent(r -> configs.put("retention.ms", Long.toString(r.toMillis())));
        return configs;
    }
}
