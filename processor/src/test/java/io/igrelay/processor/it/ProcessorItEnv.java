package io.igrelay.processor.it;

import io.igrelay.avro.Application;
import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.ChannelEventType;
import io.igrelay.avro.Flavour;
import io.igrelay.avro.WebhookDelivery;
import io.igrelay.processor.testing.TopologyHarness;
import io.igrelay.schemas.topics.TopicSpec;
import io.igrelay.testkit.FreePorts;
import io.igrelay.testkit.KafkaStack;
import io.igrelay.testkit.ServiceEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What a processor integration test needs around the shared broker and registry: a unique topic prefix, the
 * processor's environment (free port, its own state dir), and producers that seed what other services would
 * publish (channels, Applications, webhook deliveries).
 */
final class ProcessorItEnv implements AutoCloseable {

    final KafkaStack stack;
    final String prefix = "it" + Long.toHexString(System.nanoTime()) + ".";
    private final Path root;

    ProcessorItEnv(KafkaStack stack) {
        this.stack = stack;
        try {
            root = Files.createTempDirectory("processor-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String topic(TopicSpec<?> spec) {
        return spec.name(prefix);
    }

    Map<String, String> env(int port, String instance, int partitions) {
        Map<String, String> env = new HashMap<>(ServiceEnvironment.base(stack, prefix));
        env.put("TOPIC_PARTITIONS", Integer.toString(partitions));
        env.put("PROCESSOR_PORT", Integer.toString(port));
        env.put("PROCESSOR_ADVERTISED_URL", "http://127.0.0.1:" + port);
        env.put("PROCESSOR_STATE_DIR", root.resolve(instance).toString());
        env.put("KAFKA_SESSION_TIMEOUT_MS", "6000");
        env.put("KAFKA_HEARTBEAT_INTERVAL_MS", "500");
        return env;
    }

    static int freePort() {
        return FreePorts.find();
    }

    <V> void send(TopicSpec<V> spec, String key, V value) {
        try (KafkaProducer<String, V> producer = stack.producer(new StringSerializer(),
                stack.serdes().forType(spec.valueType()).serializer())) {
            producer.send(new ProducerRecord<>(topic(spec), key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("send to " + topic(spec) + " failed", e);
        }
    }

    ChannelEvent connected(Instant at) {
        return ChannelEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                .setChannelId(TopologyHarness.CHANNEL).setType(ChannelEventType.CONNECTED)
                .setApplicationId(TopologyHarness.APP).setIgUserId(TopologyHarness.ACCOUNT)
                .setUsername("fixture.shop").setFlavour(Flavour.INSTAGRAM_LOGIN).setAt(at).build();
    }

    Application application(Instant at) {
        return Application.newBuilder().setApplicationId(TopologyHarness.APP).setName("it")
                .setHumanAgentAllowed(true).setCreatedAt(at).setUpdatedAt(at).build();
    }

    static WebhookDelivery delivery(byte[] body, Instant at) {
        return WebhookDelivery.newBuilder().setDeliveryId(UUID.randomUUID().toString()).setReceivedAt(at)
                .setBody(ByteBuffer.wrap(body)).setHeaders(Map.of()).build();
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
