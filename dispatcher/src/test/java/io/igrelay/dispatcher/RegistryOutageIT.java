package io.igrelay.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.DeadLetter;
import io.igrelay.avro.DeliveryState;
import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.Flavour;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.MessagingType;
import io.igrelay.avro.TextContent;
import io.igrelay.sandbox.Sandbox;
import io.igrelay.sandbox.SandboxConfig;
import io.igrelay.sandbox.send.SendRecord;
import io.igrelay.sandbox.state.Directory;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.HubWebhookTopics;
import io.igrelay.schemas.topics.TopicLayout;
import io.igrelay.schemas.topics.TopicProvisioner;
import io.igrelay.schemas.topics.Topics;
import io.igrelay.testkit.FreePorts;
import io.igrelay.testkit.KafkaStack;
import io.igrelay.testkit.KafkaStackExtension;
import io.igrelay.testkit.ServiceEnvironment;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/*
 * A schema-registry outage at a cold start of the dispatcher (empty schema cache): the process comes up and says
 * DOWN, nothing is sent, skipped or dead-lettered while the registry is away, and once it answers every held command
 * is sent in order, the status written before the start reaches the webhook queue, and only the one truly malformed
 * record becomes a dead letter. Real broker, real registry behind a proxy that can be switched off, real sandbox.
 */
@ExtendWith(KafkaStackExtension.class)
class RegistryOutageIT {

    private static final String ACCOUNT = Directory.ACCOUNT_A;

    @Test
    void shouldHoldEverythingDuringARegistryOutageAtColdStartAndProcessItAllWhenItReturns(KafkaStack stack)
            throws Exception {
        Vertx vertx = Vertx.vertx();
        Sandbox sandbox = Sandbox.startBlocking(vertx, SandboxConfig.fromEnv(Map.of("SANDBOX_PORT", "0",
                "SANDBOX_ECHOES", "false", "SANDBOX_RATE_LIMIT_TEXT", "0", "SANDBOX_RATE_LIMIT_MEDIA", "0",
                "SANDBOX_WEBHOOK_URL", "http://127.0.0.1:1/unused")));
        String prefix = "outage-" + Long.toHexString(System.nanoTime()) + ".";
        TopicLayout layout = new TopicLayout(prefix, 2, (short) 1, true);
        Map<String, String> env = ServiceEnvironment.base(stack, prefix);
        env.put("DISPATCHER_PORT", Integer.toString(FreePorts.find()));
        env.put("GRAPH_INSTAGRAM_URL", sandbox.graphInstagramUrl());
        env.put("GRAPH_FACEBOOK_URL", sandbox.graphFacebookUrl());
        env.put("META_APP_ID", SandboxConfig.DEV_META_APP_ID);
        env.put("META_APP_SECRET", SandboxConfig.DEV_META_APP_SECRET);
        AvroSerdes serdes = stack.serdes();
        String channelId = UUID.randomUUID().toString();
        String igsid = Long.toString(7309182736400000L + (System.nanoTime() % 10_000));
        sandbox.users().openWindow(ACCOUNT, igsid, sandbox.clock().millis());
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(stack.producerProps(),
                new StringSerializer(), serdes.serializer());
             RegistryProxy registry = new RegistryProxy(stack.registryUrl())) {
            new TopicProvisioner(stack.admin(), layout).ensure(Topics.ALL);
            // written while the registry answers (as the processor and the gate would), read during the outage
            Instant now = Instant.now();
            producer.send(new ProducerRecord<>(layout.name(Topics.CHANNELS), channelId, Channel.newBuilder()
                    .setChannelId(channelId).setApplicationId("app-outage").setIgUserId(ACCOUNT).setUsername("shop")
                    .setFlavour(Flavour.INSTAGRAM_LOGIN).setToken(TokenCipher.parse(ServiceEnvironment.TEST_TOKEN_KEYS)
                            .encrypt(sandbox.issueToken(ACCOUNT, io.igrelay.sandbox.state.Flavour.INSTAGRAM_LOGIN)))
                    .setStatus(ChannelStatus.ACTIVE).setConnectedAt(now).setUpdatedAt(now).build())).get();
            for (int i = 0; i < 5; i++) {
                DispatchCommand command = DispatchCommand.newBuilder().setMessageId(UUID.randomUUID().toString())
                        .setApplicationId("app-outage").setChannelId(channelId).setIgAccountId(ACCOUNT)
                        .setIgsid(igsid).setFlavour(Flavour.INSTAGRAM_LOGIN).setContent(new TextContent("held " + i))
                        .setMessagingType(MessagingType.RESPONSE).setAcceptedAt(now)
                        .setNotAfter(now.plus(Duration.ofHours(1))).build();
                producer.send(new ProducerRecord<>(layout.name(Topics.OUTBOUND_DISPATCH), ACCOUNT + "|" + igsid,
                        command)).get();
                ids.add(command.getMessageId());
            }
            String statusId = "status-before-start-" + UUID.randomUUID();
            producer.send(new ProducerRecord<>(layout.name(Topics.MESSAGE_STATUS), igsid, MessageStatus.newBuilder()
                    .setMessageId(statusId).setApplicationId("app-outage").setChannelId(channelId).setTo(igsid)
                    .setStatus(DeliveryState.ENQUEUED).setAt(now).build())).get();
            try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(stack.producerProps(), new StringSerializer(),
                    new ByteArraySerializer())) {
                raw.send(new ProducerRecord<>(layout.name(Topics.OUTBOUND_DISPATCH), ACCOUNT + "|" + igsid,
                        new byte[] {1, 2, 3})).get(); // not the wire format: malformed whatever the registry says
            }

            registry.down();
            env.put("SCHEMA_REGISTRY_URL", registry.url(stack.registryUrl()));
            try (DispatcherService service = new DispatcherService(DispatcherConfig.fromEnv(env))
                    .start(Duration.ofSeconds(2))) {
                String base = "http://127.0.0.1:" + service.port();
                Thread.sleep(6_000);
                assertThat(calls(sandbox, igsid)).as("nothing sent while the registry is away").isEmpty();
                assertThat(ServiceEnvironment.get(base + "/health/ready").statusCode()).isEqualTo(503);
                assertThat(ServiceEnvironment.get(base + "/health/live").statusCode()).isEqualTo(200);
                assertThat(stack.readAll(layout.name(Topics.OUTBOUND_DLQ), new StringDeserializer(),
                        new ByteArrayDeserializer(), 0, Duration.ofSeconds(2))).as("nothing dead-lettered").isEmpty();

                registry.up();

                await().atMost(Duration.ofSeconds(60)).until(() -> calls(sandbox, igsid).size() == 5);
                assertThat(calls(sandbox, igsid)).extracting(RegistryOutageIT::text)
                        .containsExactly("held 0", "held 1", "held 2", "held 3", "held 4");
                List<MessageStatus> sent = stack.readAll(layout.name(Topics.MESSAGE_STATUS), new StringDeserializer(),
                        serdes.deserializer(MessageStatus.class), 6, Duration.ofSeconds(30)).stream()
                        .map(ConsumerRecord::value).filter(s -> ids.contains(s.getMessageId())).toList();
                assertThat(sent).extracting(MessageStatus::getStatus).containsOnly(DeliveryState.SENT).hasSize(5);
                List<DeadLetter> letters = stack.readAll(layout.name(Topics.OUTBOUND_DLQ), new StringDeserializer(),
                        serdes.deserializer(DeadLetter.class), 1, Duration.ofSeconds(30)).stream()
                        .map(ConsumerRecord::value).toList();
                assertThat(letters).singleElement()
                        .satisfies(letter -> assertThat(letter.getOffset()).isEqualTo(5L));
                await().atMost(Duration.ofSeconds(30)).until(() -> stack.readAll(HubWebhookTopics.of(layout).queue(),
                        new StringDeserializer(), new ByteArrayDeserializer(), 0, Duration.ofSeconds(2)).stream()
                        .anyMatch(r -> new String(r.value()).contains(statusId)));
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> ServiceEnvironment.get(base + "/health/ready").statusCode() == 200);
            }
        } finally {
            sandbox.close().await();
            vertx.close().await();
        }
    }

    private static List<SendRecord> calls(Sandbox sandbox, String igsid) {
        return sandbox.state().sends().list(r -> igsid.equals(r.recipientId()), Integer.MAX_VALUE).stream()
                .sorted(Comparator.comparingLong(SendRecord::seq)).toList();
    }

    private static String text(SendRecord call) {
        return new JsonObject(call.body().toString()).getJsonObject("message").getString("text");
    }
}
