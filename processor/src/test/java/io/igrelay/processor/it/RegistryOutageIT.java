package io.igrelay.processor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.DeadLetter;
import io.igrelay.avro.Flavour;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.processor.ProcessorConfig;
import io.igrelay.processor.ProcessorService;
import io.igrelay.processor.testing.TopologyHarness;
import io.igrelay.processor.testing.Webhooks;
import io.igrelay.schemas.topics.TopicProvisioner;
import io.igrelay.schemas.topics.Topics;
import io.igrelay.testkit.KafkaStack;
import io.igrelay.testkit.KafkaStackExtension;
import io.igrelay.testkit.ServiceEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A processor that starts while the schema registry refuses every connection (a cold start during an outage: no
 * schema cached) skips nothing and dead-letters nothing: readiness says DOWN and names the registry, liveness stays
 * UP, and once the registry answers again every webhook accepted meanwhile comes out. Once through the global
 * channel directory (start-up holds until it is complete), once through a stream thread (the raw webhook itself).
 */
@ExtendWith(KafkaStackExtension.class)
class RegistryOutageIT {

    private static final Duration HELD_FOR = Duration.ofSeconds(8);

    @Test
    void shouldHoldStartUpWhileTheChannelDirectoryCannotBeDecodedAndLoseNothing(KafkaStack stack) throws Exception {
        try (ProcessorItEnv it = new ProcessorItEnv(stack); RegistryProxy registry = new RegistryProxy(
                stack.registryUrl())) {
            Instant now = Instant.now();
            List<InstagramEvent> events = runThroughOutage(stack, it, registry, "held-directory", () ->
                    it.send(Topics.CHANNELS, TopologyHarness.CHANNEL, Channel.newBuilder()
                            .setChannelId(TopologyHarness.CHANNEL).setApplicationId(TopologyHarness.APP)
                            .setIgUserId(TopologyHarness.ACCOUNT).setUsername("fixture.shop")
                            .setFlavour(Flavour.INSTAGRAM_LOGIN).setStatus(ChannelStatus.ACTIVE)
                            .setConnectedAt(now).setUpdatedAt(now).build()));
            assertThat(events).extracting(InstagramEvent::getChannelId).containsOnly(TopologyHarness.CHANNEL);
        }
    }

    @Test
    void shouldKeepRawWebhooksAStreamThreadCannotDecodeAndLoseNothing(KafkaStack stack) throws Exception {
        try (ProcessorItEnv it = new ProcessorItEnv(stack); RegistryProxy registry = new RegistryProxy(
                stack.registryUrl())) {
            List<InstagramEvent> events = runThroughOutage(stack, it, registry, "held-raw", () -> { });
            assertThat(events).allSatisfy(e -> assertThat(e.getMetadataOnly()).isTrue());
        }
    }

    /** @param seed what is on the topics before the processor starts (they exist by then, as the catalogue says) */
    private List<InstagramEvent> runThroughOutage(KafkaStack stack, ProcessorItEnv it, RegistryProxy registry,
                                                  String mids, Runnable seed) throws Exception {
        int port = ProcessorItEnv.freePort();
        Map<String, String> env = it.env(port, mids, 2);
        env.put("SCHEMA_REGISTRY_URL", registry.url());
        new TopicProvisioner(stack.admin(), ProcessorConfig.fromEnv(env).kafka().topics()).ensure(Topics.ALL);
        seed.run();
        try (ProcessorService service = new ProcessorService(ProcessorConfig.fromEnv(env)).start()) {
            String base = "http://127.0.0.1:" + port;
            for (int i = 0; i < 3; i++) {
                Instant at = Instant.now();
                it.send(Topics.WEBHOOKS_RAW, TopologyHarness.ACCOUNT, ProcessorItEnv.delivery(Webhooks.delivery(
                        List.of(Webhooks.message("7309" + i, mids + "-" + i, at, "sent during the outage"))), at));
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                var ready = ServiceEnvironment.get(base + "/health/ready");
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(ready.body()).contains("schema-registry").contains("WAITING");
            });
            Thread.sleep(HELD_FOR.toMillis()); // the outage goes on; whatever is read meanwhile must be kept
            assertThat(ServiceEnvironment.get(base + "/health/live").statusCode()).isEqualTo(200);
            assertThat(stack.readAll(it.topic(Topics.EVENTS), new StringDeserializer(),
                    stack.serdes().deserializer(InstagramEvent.class), 0, Duration.ofSeconds(2))).isEmpty();

            registry.up();
            List<ConsumerRecord<String, InstagramEvent>> events = stack.readAll(it.topic(Topics.EVENTS),
                    new StringDeserializer(), stack.serdes().deserializer(InstagramEvent.class), 3,
                    Duration.ofSeconds(90));
            assertThat(events).extracting(r -> r.value().getMid())
                    .containsExactlyInAnyOrder(mids + "-0", mids + "-1", mids + "-2");
            assertThat(stack.readAll(it.topic(Topics.OUTBOUND_DLQ), new StringDeserializer(),
                    stack.serdes().deserializer(DeadLetter.class), 0, Duration.ofSeconds(2))).isEmpty();
            assertThat(service.state()).isEqualTo(KafkaStreams.State.RUNNING);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    ServiceEnvironment.get(base + "/health/ready").statusCode() == 200);
            return events.stream().map(ConsumerRecord::value).toList();
        }
    }
}
