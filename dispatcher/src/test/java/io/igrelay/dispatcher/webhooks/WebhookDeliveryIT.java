package io.igrelay.dispatcher.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.DeliveryState;
import io.igrelay.avro.EventKind;
import io.igrelay.avro.Flavour;
import io.igrelay.avro.HubEventType;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.SigningSecret;
import io.igrelay.avro.Webhook;
import io.igrelay.avro.WebhookEvent;
import io.igrelay.avro.WebhookEventType;
import io.igrelay.avro.WebhookRegistration;
import io.igrelay.schemas.config.EnvReader;
import io.igrelay.schemas.config.KafkaSettings;
import io.igrelay.schemas.contract.HubSignature;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.Topics;
import io.igrelay.schemas.webhooks.AttemptLogCodec;
import io.igrelay.schemas.webhooks.JobStateCodec;
import io.igrelay.testkit.KafkaStack;
import io.igrelay.testkit.KafkaStackExtension;
import io.igrelay.testkit.ServiceEnvironment;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Webhook delivery end to end on the real broker and registry, with a real receiving HTTP server. */
@ExtendWith(KafkaStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookDeliveryIT {

    private static final AtomicLong ACCOUNTS = new AtomicLong(System.nanoTime() % 1_000_000);
    private static final Map<String, String> ACCOUNT_OF = new ConcurrentHashMap<>();

    private static final Pattern SIGNATURE = Pattern.compile("t=(\\d+)((?:,v1=[0-9a-f]{64})+)");

    private KafkaStack stack;
    private String prefix;
    private AvroSerdes serdes;
    private TokenCipher cipher;
    private KafkaProducer<String, Object> producer;
    private Receiver receiver;
    private WebhookDeliveryModule module;
    private final OffsetClock clock = new OffsetClock();

    @BeforeAll
    void start(KafkaStack stack) {
        this.stack = stack;
        prefix = "whit" + Long.toHexString(System.nanoTime() & 0xffffff) + ".";
        Map<String, String> env = ServiceEnvironment.base(stack, prefix);
        KafkaSettings kafka = KafkaSettings.read(new EnvReader(env));
        for (var spec : List.of(Topics.EVENTS, Topics.MESSAGE_STATUS, Topics.CHANNELS, Topics.WEBHOOKS,
                Topics.WEBHOOK_EVENTS)) {
            stack.createTopic(spec.name(prefix), 2, Map.of());
        }
        serdes = stack.serdes();
        cipher = TokenCipher.parse(ServiceEnvironment.TEST_TOKEN_KEYS);
        producer = stack.producer(new StringSerializer(), serdes.serializer());
        receiver = new Receiver();
        module = new WebhookDeliveryModule(WebhookSettings.forTests(), kafka, serdes, cipher,
                new SimpleMeterRegistry(), clock).start();
    }

    @AfterAll
    void stop() {
        if (module != null) {
            module.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (producer != null) {
            producer.close();
        }
    }

    @Test
    void shouldDeliverSignedMessagesInConversationOrderWithIncreasingSequence() throws Exception {
        String app = newApp();
        String channel = channel(app);
        webhook(app, "Message", receiver.url("/ok/order"), List.of(secret("s-order", null)));
        String igsid = "1001";
        for (int i = 0; i < 5; i++) {
            inbound(channel, igsid, "mid-order-" + i, "hello " + i);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("/ok/order").size() >= 5);
        List<Receiver.Delivery> got = deliveries("/ok/order");
        assertThat(got).extracting(d -> d.json().getJsonObject("content").getString("text"))
                .containsExactly("hello 0", "hello 1", "hello 2", "hello 3", "hello 4");
        assertThat(got).extracting(d -> d.json().getLong("sequence")).isSorted().doesNotHaveDuplicates();
        for (Receiver.Delivery d : got) {
            assertThat(verifies(d, List.of("s-order"))).isTrue();
        }
    }

    @Test
    void shouldCarryOneSignaturePerActiveSecretDuringRotation() throws Exception {
        String app = newApp();
        String channel = channel(app);
        webhook(app, "Message", receiver.url("/ok/rotation"), List.of(secret("s-new", null),
                secret("s-old", Instant.now().plus(Duration.ofHours(24)))));
        inbound(channel, "1002", "mid-rot-1", "rotating");
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("/ok/rotation").size() >= 1);
        Receiver.Delivery d = deliveries("/ok/rotation").get(0);
        Matcher m = SIGNATURE.matcher(d.signature());
        assertThat(m.matches()).isTrue();
        assertThat(m.group(2).split(",v1=")).hasSize(3);
        assertThat(verifies(d, List.of("s-new"))).isTrue();
        assertThat(verifies(d, List.of("s-old"))).isTrue();
    }

    @Test
    void shouldKeepOrderForHealthyEndpointsWhileAnotherTimesOut() throws Exception {
        String app = newApp();
        String channel = channel(app);
        webhook(app, "Message", receiver.url("/slow/iso"), List.of(secret("s1", null)));
        webhook(app, "Message", receiver.url("/ok/iso"), List.of(secret("s2", null)));
        for (int i = 0; i < 10; i++) {
            inbound(channel, "2001", "mid-iso-a-" + i, "a" + i);
            inbound(channel, "2002", "mid-iso-b-" + i, "b" + i);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries("/ok/iso").size() >= 20);
        List<String> texts = deliveries("/ok/iso").stream()
                .map(d -> d.json().getJsonObject("content").getString("text")).toList();
        assertThat(texts.stream().filter(t -> t.startsWith("a")))
                .containsExactly("a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9");
        assertThat(texts.stream().filter(t -> t.startsWith("b")))
                .containsExactly("b0", "b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9");
        assertThat(deliveries("/slow/iso").size()).isLessThanOrEqualTo(2);
    }

    @Test
    void shouldNeverSendAStatusBeforeEnqueuedOrBackwards() throws Exception {
        String app = newApp();
        String channel = channel(app);
        webhook(app, "MessageStatus", receiver.url("/ok/status"), List.of(secret("s", null)));
        status(app, channel, "3001", "msg-1", DeliveryState.SENT);
        status(app, channel, "3001", "msg-1", DeliveryState.READ);
        status(app, channel, "3001", "msg-1", DeliveryState.SENT);
        status(app, channel, "3001", "msg-2", DeliveryState.ENQUEUED);
        status(app, channel, "3001", "msg-2", DeliveryState.FAILED);
        status(app, channel, "3001", "msg-2", DeliveryState.READ);
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("/ok/status").size() >= 5);
        Thread.sleep(500);
        List<String> seen = deliveries("/ok/status").stream()
                .map(d -> d.json().getString("messageId") + ":" + d.json().getString("previousStatus") + "->"
                        + d.json().getString("status")).toList();
        assertThat(seen).containsExactly("msg-1:null->enqueued", "msg-1:enqueued->sent", "msg-1:sent->read",
                "msg-2:null->enqueued", "msg-2:enqueued->failed");
        assertThat(deliveries("/ok/status").get(4).json().getBoolean("isFinal")).isTrue();
    }

    @Test
    void shouldRetryAFailingEndpointAndKeepTheEventId() throws Exception {
        String app = newApp();
        String channel = channel(app);
        webhook(app, "Message", receiver.url("/flaky/retry"), List.of(secret("s", null)));
        inbound(channel, "4001", "mid-retry-1", "try me");
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("/flaky/retry").size() >= 3);
        assertThat(deliveries("/flaky/retry")).extracting(d -> d.json().getString("eventId")).containsOnly(
                deliveries("/flaky/retry").get(0).json().getString("eventId"));
    }

    @Test
    void shouldReplayKeepingEventIdAndSequence() throws Exception {
        String app = newApp();
        String channel = channel(app);
        String webhookId = webhook(app, "Message", receiver.url("/ok/replay"), List.of(secret("s", null)));
        inbound(channel, "5001", "mid-replay-1", "first");
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("/ok/replay").size() >= 1);
        Thread.sleep(1000); // the attempt reaches the log
        String jobId = UUID.randomUUID().toString();
        JsonObject command = new JsonObject().put("type", "REPLAY").put("jobId", jobId).put("webhookId", webhookId)
                .put("applicationId", app).put("from", Instant.EPOCH.toString())
                .put("to", Instant.now().plus(Duration.ofDays(365)).toString()); // the module's clock may be ahead
        try (var bytes = stack.producer(new StringSerializer(), new ByteArraySerializer())) {
            bytes.send(new ProducerRecord<>(prefix + "hub.webhook.commands", webhookId,
                    command.toBuffer().getBytes())).get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("/ok/replay").size() >= 2);
        JsonObject first = deliveries("/ok/replay").get(0).json();
        JsonObject again = deliveries("/ok/replay").get(1).json();
        assertThat(again.getString("eventId")).isEqualTo(first.getString("eventId"));
        assertThat(again.getLong("sequence")).isEqualTo(first.getLong("sequence"));
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.readAll(prefix + "hub.webhook.jobs",
                new StringDeserializer(), new ByteArrayDeserializer(), 0, Duration.ofSeconds(2)).stream()
                .filter(r -> jobId.equals(r.key())).map(r -> jobLine(r.value()))
                .anyMatch(j -> "done".equals(j.getString("state")) && j.getInteger("queued") == 1
                        && j.getInteger("matched") == 1));
    }

    @Test
    void shouldTruncateAnOversizedMessageDeliverItInOrderAndLogWhy() throws Exception {
        String app = newApp();
        String channel = channel(app);
        String webhookId = webhook(app, "Message", receiver.url("/ok/big"), List.of(secret("s-big", null)));
        inbound(channel, "9501", "mid-big-1", "b".repeat(300 * 1024));
        inbound(channel, "9501", "mid-big-2", "after the big one");
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("/ok/big").size() >= 2);
        Receiver.Delivery big = deliveries("/ok/big").get(0);
        assertThat(big.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(256 * 1024);
        assertThat(big.json().getBoolean("truncated")).isTrue();
        assertThat(big.json().getJsonObject("content").getString("text")).endsWith("…[truncated]");
        assertThat(verifies(big, List.of("s-big"))).isTrue();
        assertThat(deliveries("/ok/big").get(1).json().getJsonObject("content").getString("text"))
                .isEqualTo("after the big one");
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.readAll(prefix + "hub.webhook.log",
                new StringDeserializer(), new ByteArrayDeserializer(), 0, Duration.ofSeconds(2)).stream()
                .filter(r -> webhookId.equals(r.key())).map(r -> logLine(r.value()))
                .anyMatch(j -> "Success".equals(j.getString("status")) && j.getString("truncation") != null
                        && j.getString("truncation").contains("content.text")));
    }

    @Test
    void shouldDisableAWebhookThatAnswersGone() throws Exception {
        String app = newApp();
        String channel = channel(app);
        String webhookId = webhook(app, "Message", receiver.url("/gone/g"), List.of(secret("s", null)));
        inbound(channel, "6001", "mid-gone-1", "bye");
        var events = stack.readAll(prefix + Topics.WEBHOOK_EVENTS.baseName(), new StringDeserializer(),
                serdes.deserializer(WebhookEvent.class), 1, Duration.ofSeconds(30));
        assertThat(events).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo(webhookId);
            assertThat(r.value().getType()).isEqualTo(WebhookEventType.DISABLED);
            assertThat(r.value().getReason()).contains("410");
        });
    }

    @Test
    void shouldRefuseAnEndpointThatResolvesToAPrivateAddress() throws Exception {
        String app = newApp();
        String channel = channel(app);
        String webhookId = webhook(app, "Message", "https://10.11.12.13/hook", List.of(secret("s", null)));
        inbound(channel, "7001", "mid-private-1", "no");
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.readAll(prefix + "hub.webhook.log",
                new StringDeserializer(), new ByteArrayDeserializer(), 0, Duration.ofSeconds(2)).stream()
                .filter(r -> webhookId.equals(r.key()))
                .anyMatch(r -> "REFUSED_ADDRESS".equals(logLine(r.value()).getString("errorClass"))));
    }

    @Test
    void shouldDrainQueuedEventsInOrderWhenADisabledWebhookIsEnabledAgain() throws Exception {
        String app = newApp();
        String channel = channel(app);
        String id = UUID.randomUUID().toString();
        Webhook disabled = seeded(id, app, receiver.url("/ok/reenable"), List.of(secret("s", null)), false);
        producer.send(new ProducerRecord<>(Topics.WEBHOOKS.name(prefix), id, disabled)).get();
        Thread.sleep(300);
        for (int i = 0; i < 3; i++) {
            inbound(channel, "8001", "mid-reenable-" + i, "queued " + i);
        }
        Thread.sleep(1500);
        assertThat(deliveries("/ok/reenable")).isEmpty();
        Webhook enabled = Webhook.newBuilder(disabled).setEnabled(true).setUpdatedAt(Instant.now()).build();
        producer.send(new ProducerRecord<>(Topics.WEBHOOKS.name(prefix), id, enabled)).get();
        inbound(channel, "8001", "mid-reenable-3", "queued 3");
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("/ok/reenable").size() >= 4);
        assertThat(deliveries("/ok/reenable")).extracting(d -> d.json().getJsonObject("content").getString("text"))
                .containsExactly("queued 0", "queued 1", "queued 2", "queued 3");
    }

    @Test
    void shouldDisableAfterSeventyTwoHoursAndDrainEverythingInOrderWhenEnabledAgain() throws Exception {
        String app = newApp();
        String channel = channel(app);
        String id = webhook(app, "Message", receiver.url("/toggle/h72"), List.of(secret("s", null)));
        inbound(channel, "9001", "mid-h72-0", "before 0");
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("/toggle/h72").size() >= 1);
        clock.advance(Duration.ofHours(72).plusMinutes(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.readAll(
                Topics.WEBHOOK_EVENTS.name(prefix), new StringDeserializer(),
                serdes.deserializer(WebhookEvent.class), 0, Duration.ofSeconds(2)).stream()
                .anyMatch(r -> id.equals(r.key()) && r.value().getType() == WebhookEventType.DISABLED
                        && r.value().getReason().contains("72 h")));
        int attemptsWhenDisabled = deliveries("/toggle/h72").size();
        inbound(channel, "9001", "mid-h72-1", "while disabled 1");
        inbound(channel, "9001", "mid-h72-2", "while disabled 2");
        Thread.sleep(1500);
        assertThat(deliveries("/toggle/h72")).hasSize(attemptsWhenDisabled);

        receiver.heal("/toggle/h72");
        Webhook current = seeded(id, app, receiver.url("/toggle/h72"), List.of(secret("s", null)), true);
        producer.send(new ProducerRecord<>(Topics.WEBHOOKS.name(prefix), id, current)).get(); // re-enabled
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("/toggle/h72").size()
                >= attemptsWhenDisabled + 3);
        List<String> drained = deliveries("/toggle/h72").subList(attemptsWhenDisabled,
                deliveries("/toggle/h72").size()).stream()
                .map(d -> d.json().getJsonObject("content").getString("text")).toList();
        assertThat(drained).containsExactly("before 0", "while disabled 1", "while disabled 2");
    }

    // --- fixtures ---

    private List<Receiver.Delivery> deliveries(String path) {
        return receiver.at(path);
    }

    private static boolean verifies(Receiver.Delivery d, List<String> secrets) {
        Matcher m = SIGNATURE.matcher(d.signature());
        if (!m.matches()) {
            return false;
        }
        long t = Long.parseLong(m.group(1));
        List<String> v1 = List.of(m.group(2).substring(",v1=".length()).split(",v1="));
        return secrets.stream().allMatch(s -> v1.contains(HubSignature.v1(s, t, d.body())));
    }

    private static String newApp() {
        return "app-" + UUID.randomUUID();
    }

    private String channel(String app) throws Exception {
        String channelId = UUID.randomUUID().toString();
        String account = "17841" + ACCOUNTS.incrementAndGet(); // one channel per account: each holds its own
        ACCOUNT_OF.put(channelId, account);
        Instant now = Instant.now();
        producer.send(new ProducerRecord<>(Topics.CHANNELS.name(prefix), channelId, Channel.newBuilder()
                .setChannelId(channelId).setApplicationId(app).setIgUserId(account).setUsername("shop")
                .setFlavour(Flavour.INSTAGRAM_LOGIN).setStatus(ChannelStatus.ACTIVE).setConnectedAt(now)
                .setUpdatedAt(now).build())).get();
        Thread.sleep(300); // the module's channel view follows the topic
        return channelId;
    }

    private SigningSecret secret(String plain, Instant validUntil) {
        return new SigningSecret(cipher.encrypt(plain), Instant.now(), validUntil);
    }

    private String webhook(String app, String eventType, String endpoint, List<SigningSecret> secrets)
            throws Exception {
        String id = UUID.randomUUID().toString();
        Webhook webhook = seeded(id, app, endpoint, secrets, true);
        if (eventType.equals("MessageStatus")) {
            webhook.getRegistration().setEventType(HubEventType.MessageStatus);
        }
        producer.send(new ProducerRecord<>(Topics.WEBHOOKS.name(prefix), id, webhook)).get();
        Thread.sleep(300);
        return id;
    }

    private static Webhook seeded(String id, String app, String endpoint, List<SigningSecret> secrets,
            boolean enabled) {
        Instant now = Instant.now();
        return Webhook.newBuilder().setWebhookId(id).setApplicationId(app)
                .setRegistration(WebhookRegistration.newBuilder().setLabel("it").setEndpoint(endpoint)
                        .setEventType(HubEventType.Message).build())
                .setSecrets(secrets).setVerified(true).setVerifiedAt(now).setEnabled(enabled)
                .setDisabledReason(enabled ? null : "disabled in the test").setCreatedAt(now).setUpdatedAt(now)
                .build();
    }

    private void inbound(String channel, String igsid, String mid, String text) throws Exception {
        Instant now = Instant.now();
        InstagramEvent event = InstagramEvent.newBuilder().setEventId(UUID.nameUUIDFromBytes(mid.getBytes())
                .toString()).setKind(EventKind.MESSAGE).setIgAccountId(ACCOUNT_OF.getOrDefault(channel, "17841"))
                .setIgsid(igsid)
                .setChannelId(channel).setMid(mid).setTimestamp(now).setReceivedAt(now).setDeliveryId("d")
                .setText(text).build();
        producer.send(new ProducerRecord<>(Topics.EVENTS.name(prefix), igsid, event)).get();
    }

    private void status(String app, String channel, String igsid, String messageId, DeliveryState state)
            throws Exception {
        MessageStatus status = MessageStatus.newBuilder().setMessageId(messageId).setApplicationId(app)
                .setChannelId(channel).setTo(igsid).setStatus(state).setAt(Instant.now()).build();
        producer.send(new ProducerRecord<>(Topics.MESSAGE_STATUS.name(prefix), igsid, status)).get();
    }

    /** A hub.webhook.log record as the ingress's log API shows it. */
    private JsonObject logLine(byte[] value) {
        return new JsonObject(new String(AttemptLogCodec.json(new AttemptLogCodec(serdes).decode(prefix
                + "hub.webhook.log", value)), java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A hub.webhook.jobs record in its JSON form. */
    private JsonObject jobLine(byte[] value) {
        return new JsonObject(new String(JobStateCodec.json(new JobStateCodec(serdes).decode(prefix
                + "hub.webhook.jobs", value)), java.nio.charset.StandardCharsets.UTF_8));
    }
}
