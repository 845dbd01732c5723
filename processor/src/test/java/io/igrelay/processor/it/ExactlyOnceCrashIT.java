package io.igrelay.processor.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.WebhookDelivery;
import io.igrelay.processor.testing.TopologyHarness;
import io.igrelay.processor.testing.Webhooks;
import io.igrelay.schemas.topics.Topics;
import io.igrelay.testkit.KafkaStack;
import io.igrelay.testkit.KafkaStackExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exactly-once (SPEC 8) proven the way SPEC 2 asks: the processor runs in a forked JVM, is SIGKILLed twice while
 * webhooks stream in, and a read_committed consumer then sees every event exactly once on ig.events.
 */
@ExtendWith(KafkaStackExtension.class)
class ExactlyOnceCrashIT {

    private static final int DELIVERIES = 300;

    @Test
    void shouldNeitherLoseNorDuplicateEventsAcrossTwoSigkills(KafkaStack stack) throws Exception {
        try (ProcessorItEnv it = new ProcessorItEnv(stack)) {
            int port = ProcessorItEnv.freePort();
            Map<String, String> env = it.env(port, "crash", 2);
            env.put("KAFKA_GROUP_INSTANCE_ID", "crash-instance");
            Path log = Path.of(env.get("PROCESSOR_STATE_DIR") + ".log");
            ForkedProcessor first = ForkedProcessor.start(env, port, log).awaitReady(Duration.ofSeconds(90));
            ForkedProcessor last = null;
            try {
                it.send(Topics.CHANNEL_EVENTS, TopologyHarness.CHANNEL, it.connected(Instant.now()));
                CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> produce(stack, it));
                stack.readAll(it.topic(Topics.EVENTS), new StringDeserializer(),
                        stack.serdes().deserializer(InstagramEvent.class), 1, Duration.ofSeconds(60));
                assertThat(producing).as("first kill happens mid-stream").isNotDone();
                first.kill();
                ForkedProcessor second = ForkedProcessor.start(env, port, log).awaitReady(Duration.ofSeconds(90));
                Thread.sleep(2_000);
                assertThat(producing).as("second kill happens mid-stream").isNotDone();
                second.kill();
                last = ForkedProcessor.start(env, port, log).awaitReady(Duration.ofSeconds(90));
                producing.get();

                List<ConsumerRecord<String, InstagramEvent>> events = stack.readAll(it.topic(Topics.EVENTS),
                        new StringDeserializer(), stack.serdes().deserializer(InstagramEvent.class), DELIVERIES,
                        Duration.ofSeconds(120));
                Set<String> mids = events.stream().map(r -> r.value().getMid()).collect(Collectors.toSet());
                assertThat(events).hasSize(DELIVERIES);
                assertThat(mids).hasSize(DELIVERIES);
            } finally {
                first.close();
                if (last != null) {
                    last.close();
                }
            }
        }
    }

    private static void produce(KafkaStack stack, ProcessorItEnv it) {
        try (KafkaProducer<String, WebhookDelivery> producer = stack.producer(new StringSerializer(),
                stack.serdes().forType(WebhookDelivery.class).serializer())) {
            for (int i = 0; i < DELIVERIES; i++) {
                Instant now = Instant.now();
                byte[] body = Webhooks.delivery(List.of(Webhooks.message("9000" + (i % 16), "crash-mid-" + i, now,
                        "n" + i)));
                producer.send(new ProducerRecord<>(it.topic(Topics.WEBHOOKS_RAW), TopologyHarness.ACCOUNT,
                        ProcessorItEnv.delivery(body, now))).get();
                Thread.sleep(60);
            }
        } catch (Exception e) {
            throw new IllegalStateException("producing deliveries failed", e);
        }
    }
}
