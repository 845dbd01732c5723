package io.igrelay.processor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.igrelay.avro.ConversationWindow;
import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.MessagingType;
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
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The whole topology on the real broker and registry: webhook → event + window, request → dispatch + status, IQ. */
@ExtendWith(KafkaStackExtension.class)
class ProcessorEndToEndIT {

    private static final String IGSID = "7309182736451928";

    @Test
    void shouldTurnAWebhookIntoAnEventAndAWindowAndGateAReplyThroughIt(KafkaStack stack) {
        try (ProcessorItEnv it = new ProcessorItEnv(stack)) {
            int port = ProcessorItEnv.freePort();
            try (ProcessorService service = new ProcessorService(ProcessorConfig.fromEnv(it.env(port, "a", 2)))
                    .start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> service.state() == KafkaStreams.State.RUNNING);
                Instant now = Instant.now();
                it.send(Topics.APPLICATIONS, TopologyHarness.APP, it.application(now));
                it.send(Topics.CHANNEL_EVENTS, TopologyHarness.CHANNEL, it.connected(now));
                StringDeserializer keys = new StringDeserializer();
                stack.readAll(it.topic(Topics.CHANNELS), keys, stack.serdes().deserializer(
                        io.igrelay.avro.Channel.class), 1, Duration.ofSeconds(30));
                await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> true);

                it.send(Topics.WEBHOOKS_RAW, TopologyHarness.ACCOUNT, ProcessorItEnv.delivery(Webhooks.delivery(
                        List.of(Webhooks.message(IGSID, "m-it-1", Instant.now(), "hello"))), Instant.now()));
                List<ConsumerRecord<String, InstagramEvent>> events = stack.readAll(it.topic(Topics.EVENTS), keys,
                        stack.serdes().deserializer(InstagramEvent.class), 1, Duration.ofSeconds(30));
                assertThat(events).singleElement().satisfies(r -> {
                    assertThat(r.key()).isEqualTo(IGSID);
                    assertThat(r.value().getChannelId()).isEqualTo(TopologyHarness.CHANNEL);
                });
                stack.readAll(it.topic(Topics.WINDOWS), keys, stack.serdes().deserializer(ConversationWindow.class),
                        1, Duration.ofSeconds(30));

                it.send(Topics.OUTBOUND_REQUESTS, IGSID, OutboundMessage.newBuilder().setMessageId("it-msg-1")
                        .setApplicationId(TopologyHarness.APP).setFrom("@Fixture.Shop").setTo(IGSID)
                        .setContent(new TextContent("hi")).setRequestedAt(Instant.now()).build());
                List<ConsumerRecord<String, DispatchCommand>> commands = stack.readAll(
                        it.topic(Topics.OUTBOUND_DISPATCH), keys, stack.serdes().deserializer(DispatchCommand.class),
                        1, Duration.ofSeconds(30));
                assertThat(commands).singleElement().satisfies(r -> {
                    assertThat(r.key()).isEqualTo(TopologyHarness.ACCOUNT + "|" + IGSID);
                    assertThat(r.value().getMessagingType()).isEqualTo(MessagingType.RESPONSE);
                });
                stack.readAll(it.topic(Topics.MESSAGE_STATUS), keys, stack.serdes().deserializer(MessageStatus.class),
                        1, Duration.ofSeconds(30));

                String base = "http://127.0.0.1:" + port;
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    HttpResponse<String> window = ServiceEnvironment.get(base + "/windows/" + IGSID);
                    assertThat(window.statusCode()).isEqualTo(200);
                    assertThat(window.body()).contains("\"state\":\"OPEN\"").contains(TopologyHarness.CHANNEL);
                    HttpResponse<String> status = ServiceEnvironment.get(base + "/status/it-msg-1");
                    assertThat(status.statusCode()).isEqualTo(200);
                    assertThat(status.body()).contains("\"status\":\"enqueued\"")
                            .contains("\"applicationId\":\"" + TopologyHarness.APP + "\"");
                });
                assertThat(ServiceEnvironment.get(base + "/windows/424242").statusCode()).isEqualTo(404);
                assertThat(ServiceEnvironment.get(base + "/status/nope").statusCode()).isEqualTo(404);
            }
        }
    }
}
