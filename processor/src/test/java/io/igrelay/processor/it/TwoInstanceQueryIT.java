package io.igrelay.processor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.igrelay.avro.ConversationWindow;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.OutboundMessage;
import io.igrelay.avro.TextContent;
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
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two processor instances over four partitions behave as one for interactive queries: every
 * window and status is answered through either instance, and while the second instance joins and leaves
 * (rebalances) a known key is never answered 404 — only 200, or 503 with Retry-After while state moves.
 */
@ExtendWith(KafkaStackExtension.class)
class TwoInstanceQueryIT {

    private static final int USERS = 12;

    @Test
    void shouldAnswerEveryWindowThroughEitherInstanceAcrossRebalances(KafkaStack stack) {
        try (ProcessorItEnv it = new ProcessorItEnv(stack)) {
            int portA = ProcessorItEnv.freePort();
            int portB = ProcessorItEnv.freePort();
            try (ProcessorService a = new ProcessorService(ProcessorConfig.fromEnv(it.env(portA, "a", 4))).start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> a.state() == KafkaStreams.State.RUNNING);
                List<String> igsids = new ArrayList<>();
                List<String> items = new ArrayList<>();
                Instant now = Instant.now();
                for (int i = 0; i < USERS; i++) {
                    igsids.add("77" + i);
                    items.add(Webhooks.message("77" + i, "iq-mid-" + i, now, "hi"));
                }
                it.send(Topics.WEBHOOKS_RAW, TopologyHarness.ACCOUNT, ProcessorItEnv.delivery(
                        Webhooks.delivery(items), now));
                stack.readAll(it.topic(Topics.WINDOWS), new StringDeserializer(),
                        stack.serdes().deserializer(ConversationWindow.class), USERS, Duration.ofSeconds(30));
                assertAllAnswered(List.of(portA), igsids);
                it.send(Topics.APPLICATIONS, TopologyHarness.APP, it.application(now));
                it.send(Topics.CHANNEL_EVENTS, TopologyHarness.CHANNEL, it.connected(now));
                stack.readAll(it.topic(Topics.CHANNELS), new StringDeserializer(),
                        stack.serdes().deserializer(io.igrelay.avro.Channel.class), 1, Duration.ofSeconds(30));
                await().pollDelay(Duration.ofMillis(500)).until(() -> true);
                List<String> paths = new ArrayList<>();
                for (String igsid : igsids) {
                    it.send(Topics.OUTBOUND_REQUESTS, igsid, OutboundMessage.newBuilder().setMessageId("iq-" + igsid)
                            .setApplicationId(TopologyHarness.APP).setFrom(TopologyHarness.CHANNEL).setTo(igsid)
                            .setContent(new TextContent("x")).setRequestedAt(Instant.now()).build());
                    paths.add("/windows/" + igsid);
                    paths.add("/status/iq-" + igsid);
                }
                stack.readAll(it.topic(Topics.MESSAGE_STATUS), new StringDeserializer(),
                        stack.serdes().deserializer(MessageStatus.class), USERS, Duration.ofSeconds(30));

                try (ProcessorService b = new ProcessorService(ProcessorConfig.fromEnv(it.env(portB, "b", 4)))
                        .start()) {
                    neverNotFoundUntilAllAnswered(List.of(portA, portB), paths, b);
                }
                neverNotFoundUntilAllAnswered(List.of(portA), paths, a);
            }
        }
    }

    private static void neverNotFoundUntilAllAnswered(List<Integer> ports, List<String> paths,
                                                      ProcessorService service) {
        List<String> wrong = new java.util.concurrent.CopyOnWriteArrayList<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            int ok = 0;
            for (int port : ports) {
                for (String path : paths) {
                    int code = ServiceEnvironment.get("http://127.0.0.1:" + port + path).statusCode();
                    if (code != 200 && code != 503) {
                        wrong.add("GET " + path + " via " + port + " -> " + code);
                    }
                    ok += code == 200 ? 1 : 0;
                }
            }
            assertThat(service.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(ok).isEqualTo(ports.size() * paths.size());
        });
        assertThat(wrong).as("answers other than 200/503 while rebalancing").isEmpty();
    }

    private static void assertAllAnswered(List<Integer> ports, List<String> igsids) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (int port : ports) {
                for (String igsid : igsids) {
                    assertThat(ServiceEnvironment.get("http://127.0.0.1:" + port + "/windows/" + igsid).body())
                            .contains("\"igsid\":\"" + igsid + "\"");
                    // the gate's verdict for a send's flags, also when the other instance answers (query forwarded)
                    assertThat(ServiceEnvironment.get("http://127.0.0.1:" + port + "/windows/" + igsid
                            + "?senderAction=true&humanAgent=false&humanAgentAllowed=false").body())
                            .contains("\"verdict\":{\"allowed\":true,\"tier\":\"RESPONSE\"");
                }
            }
        });
    }
}
