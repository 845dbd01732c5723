package io.igrelay.processor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.igrelay.avro.Channel;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.processor.ProcessorConfig;
import io.igrelay.processor.ProcessorService;
import io.igrelay.processor.testing.TopologyHarness;
import io.igrelay.processor.testing.Webhooks;
import io.igrelay.schemas.topics.Topics;
import io.igrelay.testkit.KafkaStack;
import io.igrelay.testkit.KafkaStackExtension;
import io.igrelay.testkit.ServiceEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On the real broker, which refuses record timestamps far from its clock: a signed webhook whose Meta timestamp is
 * Long.MAX_VALUE (or two hours ahead) is processed and flagged, no stream thread dies, readiness stays UP, and the
 * webhooks after it flow. Before trusted record timestamps, the processor wrote Meta's value as the record
 * timestamp, the broker refused it, and every replacement thread died on the same record.
 */
@ExtendWith(KafkaStackExtension.class)
class PoisonTimestampIT {

    private static final String IGSID = "7309182736451928";

    @Test
    void shouldProcessAndFlagALongMaxTimestampAndKeepProcessingLaterWebhooks(KafkaStack stack) {
        try (ProcessorItEnv it = new ProcessorItEnv(stack)) {
            int port = ProcessorItEnv.freePort();
            try (ProcessorService service = new ProcessorService(ProcessorConfig.fromEnv(it.env(port, "p", 2)))
                    .start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> service.state() == KafkaStreams.State.RUNNING);
                it.send(Topics.CHANNEL_EVENTS, TopologyHarness.CHANNEL, it.connected(Instant.now()));
                stack.readAll(it.topic(Topics.CHANNELS), new StringDeserializer(),
                        stack.serdes().deserializer(Channel.class), 1, Duration.ofSeconds(30));

                Instant now = Instant.now();
                String poisons = Webhooks.message(IGSID, "m-long-max", now, "a")
                        .replace("\"timestamp\":" + now.toEpochMilli(), "\"timestamp\":" + Long.MAX_VALUE);
                String future = Webhooks.message(IGSID, "m-two-hours", now.plus(Duration.ofHours(2)), "b");
                it.send(Topics.WEBHOOKS_RAW, TopologyHarness.ACCOUNT, ProcessorItEnv.delivery(
                        Webhooks.delivery(List.of(poisons, future)), now));
                for (int i = 0; i < 3; i++) {
                    Instant later = Instant.now();
                    it.send(Topics.WEBHOOKS_RAW, TopologyHarness.ACCOUNT, ProcessorItEnv.delivery(Webhooks.delivery(
                            List.of(Webhooks.message(IGSID, "m-later-" + i, later, "c"))), later));
                }

                List<ConsumerRecord<String, InstagramEvent>> events = stack.readAll(it.topic(Topics.EVENTS),
                        new StringDeserializer(), stack.serdes().deserializer(InstagramEvent.class), 5,
                        Duration.ofSeconds(60));
                assertThat(events).extracting(r -> r.value().getMid()).containsExactly("m-two-hours", "m-long-max",
                        "m-later-0", "m-later-1", "m-later-2");
                assertThat(events).filteredOn(r -> r.value().getMid().startsWith("m-later"))
                        .allSatisfy(r -> assertThat(r.value().getTimestampOutOfRange()).isFalse());
                assertThat(events).filteredOn(r -> !r.value().getMid().startsWith("m-later"))
                        .allSatisfy(r -> {
                            assertThat(r.value().getTimestampOutOfRange()).isTrue();
                            assertThat(r.timestamp()).isBetween(now.minusSeconds(60).toEpochMilli(),
                                    Instant.now().toEpochMilli());
                        });
                String base = "http://127.0.0.1:" + port;
                String metrics = ServiceEnvironment.get(base + "/metrics").body();
                assertThat(metric(metrics, "igrelay_processor_events_timestamp_out_of_range")).isEqualTo(2.0);
                assertThat(metric(metrics, "igrelay_processor_stream_thread_deaths")).isZero();
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        ServiceEnvironment.get(base + "/health/ready").statusCode() == 200);
            }
        }
    }

    /** The value of the first Prometheus sample whose name starts with {@code prefix}. */
    private static double metric(String scrape, String prefix) {
        return scrape.lines().filter(line -> line.startsWith(prefix)).findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .orElseThrow(() -> new AssertionError("no metric " + prefix + " in /metrics"));
    }
}
