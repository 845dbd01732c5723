package io.igrelay.testkit;

import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/*
 * The real broker an integration test talks to, whichever runs it: Testcontainers' Kafka module (the official
 * apache/kafka image, as most CI systems with a Docker engine run it) or the in-process KRaft cluster of EmbeddedKafka
 * (machines without a Docker engine, such as this project's CI). IGRELAY_TEST_BROKER picks one: `container`,
 * `embedded`, or `auto` (the default: a container when a Docker engine answers, else in-process). The same ITs run
 * either way; both brokers get the settings the tests rely on (single-node internal topics, 6 MiB messages).
 */
interface TestBroker extends AutoCloseable {

    /** The broker settings both kinds get. */
    Map<String, String> SETTINGS = Map.of(
            "offsets.topic.replication.factor", "1",
            "offsets.topic.num.partitions", "1",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "transaction.state.log.num.partitions", "1",
            "group.initial.rebalance.delay.ms", "0",
            "message.max.bytes", Integer.toString(6 * 1024 * 1024));

    String bootstrapServers();

    @Override
    void close();

    /** Which broker runs: {@code container} or {@code embedded}. */
    enum Kind { CONTAINER, EMBEDDED }

    /** The choice for a setting of IGRELAY_TEST_BROKER (null: auto) and whether a Docker engine answers. */
    static Kind choose(String setting, BooleanSupplier dockerAnswers) {
        String wanted = setting == null || setting.isBlank() ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
        return switch (wanted) {
            case "container" -> Kind.CONTAINER;
            case "embedded" -> Kind.EMBEDDED;
            case "auto" -> dockerAnswers.getAsBoolean() ? Kind.CONTAINER : Kind.EMBEDDED;
            default -> throw new IllegalArgumentException(
                    "IGRELAY_TEST_BROKER must be container, embedded or auto, not '" + setting + "'");
        };
    }

    /** Starts the broker this environment asks for. */
    static TestBroker start() throws Exception {
        Kind kind = choose(System.getenv("IGRELAY_TEST_BROKER"), ContainerKafka::dockerAnswers);
        System.err.println("[testkit] broker: " + kind.name().toLowerCase(Locale.ROOT)
                + " (IGRELAY_TEST_BROKER=container|embedded|auto)");
        return kind == Kind.CONTAINER ? ContainerKafka.start() : EmbeddedKafka.start();
    }
}
