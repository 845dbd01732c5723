package io.igrelay.testkit;

import io.igrelay.schemas.registry.RestSchemaRegistryClient;
import io.igrelay.schemas.registry.SchemaRegistryClient;
import io.igrelay.schemas.serde.AvroSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/*
 * What an integration test gets from KafkaStackExtension: one real broker (TestBroker: a container where a Docker
 * engine answers, else in-process KRaft) and one real Apicurio registry per test JVM, started lazily (the registry in parallel with the broker) and stopped at the end of the
 * run. Client plumbing with test defaults lives in TestClients; this class hands out addresses and shared clients.
 */
public final class KafkaStack implements AutoCloseable {

    private static KafkaStack shared;

    private final TestBroker kafka;
    private final CompletableFuture<ApicurioRegistry> registry;
    private final Admin admin;
    private final TestClients clients;
    private final AtomicInteger topicCounter = new AtomicInteger();
    private volatile SchemaRegistryClient registryClient;
    private volatile boolean closed;

    private KafkaStack(TestBroker kafka, CompletableFuture<ApicurioRegistry> registry) {
        this.kafka = kafka;
        this.registry = registry;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        this.clients = new TestClients(kafka.bootstrapServers(), admin);
    }

    /** The stack of this JVM, started on first call. */
    public static synchronized KafkaStack shared() {
        if (shared == null || shared.closed) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "kafka-stack-stopper"));
        }
        return shared;
    }

    private static KafkaStack start() {
        Optional<Path> runnerJar = ApicurioRegistry.runnerJar();
        CompletableFuture<ApicurioRegistry> registry = runnerJar.isPresent()
                ? CompletableFuture.supplyAsync(() -> {
                    try {
                        return ApicurioRegistry.start(runnerJar.get());
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                })
                : CompletableFuture.failedFuture(new IllegalStateException(ApicurioRegistry.missingMessage()));
        try {
            return new KafkaStack(TestBroker.start(), registry);
        } catch (Exception e) {
            registry.thenAccept(ApicurioRegistry::close);
            throw new IllegalStateException("Could not start the test broker: " + e, e);
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Confluent API base of the real registry; fails with a clear message outside failsafe. */
    public String registryUrl() {
        try {
            return registry.join().url();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException(cause.getMessage(), cause);
        }
    }

    /** A REST client for the real registry, shared by the tests of this JVM. */
    public SchemaRegistryClient registryClient() {
        if (registryClient == null) {
            registryClient = new RestSchemaRegistryClient(registryUrl(), Optional.empty());
        }
        return registryClient;
    }

    /** Serdes backed by the real registry. */
    public AvroSerdes serdes() {
        return new AvroSerdes(registryClient());
    }

    public Admin admin() {
        return admin;
    }

    /** A topic name no other test of this JVM uses, e.g. {@code uniqueTopic("ig.events")}. */
    public String uniqueTopic(String base) {
        return base + "." + topicCounter.incrementAndGet() + "." + Long.toHexString(System.nanoTime() & 0xffffff);
    }

    /** Creates a topic (replication factor 1) and waits until it exists; an existing one is left as it is. */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        clients.createTopic(name, partitions, configs);
    }

    /** Producer settings for tests: acks=all, idempotent, no linger. */
    public Map<String, Object> producerProps() {
        return clients.producerProps();
    }

    /** Consumer settings for tests: earliest, read_committed, no auto-commit. */
    public Map<String, Object> consumerProps(String groupId) {
        return clients.consumerProps(groupId);
    }

    public <K, V> KafkaProducer<K, V> producer(Serializer<K> keys, Serializer<V> values) {
        return new KafkaProducer<>(producerProps(), keys, values);
    }

    public <K, V> KafkaConsumer<K, V> consumer(String groupId, Deserializer<K> keys, Deserializer<V> values) {
        return new KafkaConsumer<>(consumerProps(groupId), keys, values);
    }

    /**
     * Every committed record of {@code topic} from the beginning, once at least {@code expectedCount} arrived (plus
     * any that follow within a short grace period, so a test can assert exact counts); fails after {@code timeout}.
     */
    public <K, V> List<ConsumerRecord<K, V>> readAll(String topic, Deserializer<K> keys, Deserializer<V> values,
                                                    int expectedCount, Duration timeout) {
        return clients.readAll(topic, keys, values, expectedCount, timeout);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        admin.close(Duration.ofSeconds(5));
        kafka.close();
        registry.thenAccept(ApicurioRegistry::close);
        if (!registry.isDone()) {
            registry.cancel(true);
        }
    }
}
