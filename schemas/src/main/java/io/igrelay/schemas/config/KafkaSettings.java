package io.igrelay.schemas.config;

import io.igrelay.schemas.topics.TopicLayout;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Kafka and Schema Registry settings every service shares (contract §3), and the one place where client
 * {@link Properties} are derived from them: producers are idempotent with acks=all, consumers of processor output
 * read committed, and any other {@code KAFKA_*} variable becomes a client property (TLS, SASL).
 */
public record KafkaSettings(
        String bootstrapServers,
        String schemaRegistryUrl,
        Optional<String> schemaRegistryBasicAuth,
        TopicLayout topics,
        Map<String, String> clientOverrides,
        boolean devMode) {

    /** Variables read here; {@code KAFKA_*} pass-through variables are known as well. */
    public static final Set<String> VARIABLES = Set.of(
            "KAFKA_BOOTSTRAP_SERVERS", "SCHEMA_REGISTRY_URL", "SCHEMA_REGISTRY_BASIC_AUTH", "TOPIC_PREFIX",
            "TOPIC_PARTITIONS", "TOPIC_REPLICATION_FACTOR", "TOPIC_AUTO_CREATE", "DEV_MODE");

    /** JVM launcher variables of Kafka's own scripts, never client properties. */
    private static final Set<String> NOT_CLIENT_PROPERTIES =
            Set.of("KAFKA_BOOTSTRAP_SERVERS", "KAFKA_HEAP_OPTS", "KAFKA_OPTS", "KAFKA_JVM_PERFORMANCE_OPTS",
                    "KAFKA_LOG4J_OPTS", "KAFKA_DEBUG", "KAFKA_JMX_OPTS");

    public KafkaSettings {
        clientOverrides = Map.copyOf(clientOverrides);
    }

    public static KafkaSettings read(EnvReader env) {
        String registryAuth = env.optional("SCHEMA_REGISTRY_BASIC_AUTH").orElse(null);
        if (registryAuth != null && !registryAuth.contains(":")) {
            env.problem("SCHEMA_REGISTRY_BASIC_AUTH must look like user:password");
        }
        int partitions = env.integer("TOPIC_PARTITIONS", 6, 1, 10_000);
        int replication = env.integer("TOPIC_REPLICATION_FACTOR", 1, 1, 32);
        TopicLayout layout = new TopicLayout(env.string("TOPIC_PREFIX", ""), partitions, (short) replication,
                env.bool("TOPIC_AUTO_CREATE", true));
        return new KafkaSettings(
                env.string("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                env.url("SCHEMA_REGISTRY_URL", "http://localhost:8085/apis/ccompat/v7").toString(),
                Optional.ofNullable(registryAuth),
                layout,
                clientOverrides(env.withPrefix("KAFKA_")),
                env.bool("DEV_MODE", false));
    }

    /** {@code KAFKA_SECURITY_PROTOCOL=SSL} becomes {@code security.protocol=SSL}. */
    static Map<String, String> clientOverrides(Map<String, String> kafkaVariables) {
        Map<String, String> props = new TreeMap<>();
        kafkaVariables.forEach((name, value) -> {
            if (!NOT_CLIENT_PROPERTIES.contains(name)) {
                props.put(name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return props;
    }

    public Properties common(String clientId) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("client.id", clientId);
        props.putAll(clientOverrides);
        return props;
    }

    public Properties admin(String clientId) {
        Properties props = common(clientId);
        props.put("request.timeout.ms", "10000");
        props.put("default.api.timeout.ms", "15000");
        return props;
    }

    /** Idempotent, acks=all: a send is done only when every in-sync replica has it. */
    public Properties producer(String clientId) {
        Properties props = new Properties();
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        props.put("max.in.flight.requests.per.connection", "5");
        props.put("compression.type", "lz4");
        props.put("linger.ms", "5");
        props.putAll(common(clientId));
        return props;
    }

    /** Manual commits and read_committed: processor output is transactional (exactly_once_v2). */
    public Properties consumer(String clientId, String groupId) {
        Properties props = new Properties();
        props.put("group.id", groupId);
        props.put("enable.auto.commit", "false");
        props.put("isolation.level", "read_committed");
        props.put("auto.offset.reset", "earliest");
        props.putAll(common(clientId));
        return props;
    }
}
