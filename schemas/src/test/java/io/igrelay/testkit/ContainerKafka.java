package io.igrelay.testkit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/*
 * The broker in a container (Testcontainers' Kafka module, apache/kafka at the project's Kafka version, KRaft in one
 * node), for environments with a Docker engine. Not run on this project's CI machine, which has none (docs/decisions.md,
 * "Test broker").
 */
final class ContainerKafka implements TestBroker {

    static final DockerImageName IMAGE = DockerImageName.parse("apache/kafka:4.1.2");

    private final KafkaContainer container;

    private ContainerKafka(KafkaContainer container) {
        this.container = container;
    }

    static ContainerKafka start() {
        KafkaContainer container = new KafkaContainer(IMAGE);
        SETTINGS.forEach((key, value) -> container.withEnv("KAFKA_" + key.toUpperCase().replace('.', '_'), value));
        container.start();
        return new ContainerKafka(container);
    }

    /** Whether a Docker engine answers (false, not an exception, where there is none). */
    static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
