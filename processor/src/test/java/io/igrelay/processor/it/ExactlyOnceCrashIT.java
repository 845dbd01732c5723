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
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exactly-once proven with crashes: the processor runs in a forked JVM, is SIGKILLed twice while webhooks stream in,
 * and a read_committed consumer then sees every event exactly once on ig.events. Counting events alone would also
 * pass under at-least-once (the dedup store drops a re-processed event), so the test also asks the broker which
 * transactional producers the processor ran: under exactly_once_v2 every stream thread writes through one, named
 * after the application id. The forked processor is told {@code KAFKA_PROCESSING_GUARANTEE=at_least_once}, an
 * environment override it must ignore.
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
            env.put("KAFKA_PROCESSING_GUARANTEE", "at_least_once"); // must not weaken the guarantee
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
                producing.get(120, TimeUnit.SECONDS);

                List<ConsumerRecord<String, InstagramEvent>> events = stack.readAll(it.topic(Topics.EVENTS),
                        new StringDeserializer(), stack.serdes().deserializer(InstagramEvent.class), DELIVERIES,
                        Duration.ofSeconds(120));
                Set<String> mids = events.stream().map(r -> r.value().getMid()).collect(Collectors.toSet());
                assertThat(events).hasSize(DELIVERIES);
                assertThat(mids).hasSize(DELIVERIES);
                assertThat(transactionalIds(stack, applicationId(env)))
                        .as("the processor's stream threads write through transactional producers (exactly_once_v2)")
                        .isNotEmpty();
            } finally {
                first.close();
                if (last != null) {
                    last.close();
                }
            }
        }
    }

    private static String applicationId(Map<String, String> env) {
        return env.getOrDefault("PROCESSOR_APPLICATION_ID", env.get("TOPIC_PREFIX") + "igrelay-processor");
    }

    /** The transactional ids the broker knows for producers of this application (Streams names them after it). */
    private static List<String> transactionalIds(KafkaStack stack, String applicationId) throws Exception {
        return stack.admin().listTransactions().all().get(30, TimeUnit.SECONDS).stream()
                .map(TransactionListing::transactionalId).filter(id -> id.startsWith(applicationId + "-")).toList();
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
