package io.igrelay.dispatcher.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.EventKind;
import io.igrelay.avro.Flavour;
import io.igrelay.avro.HubEventType;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.SigningSecret;
import io.igrelay.avro.Webhook;
import io.igrelay.avro.WebhookRegistration;
import io.igrelay.schemas.config.EnvReader;
import io.igrelay.schemas.config.KafkaSettings;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.Topics;
import io.igrelay.schemas.webhooks.AttemptLogCodec;
import io.igrelay.schemas.webhooks.JobStateCodec;
import io.igrelay.testkit.KafkaStack;
import io.igrelay.testkit.KafkaStackExtension;
import io.igrelay.testkit.ServiceEnvironment;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The attempt log and the queue survive a restart of the dispatcher: nothing about past attempts
 * is kept in memory only, a new module rebuilds its index from hub.webhook.log, so a retry of an attempt logged
 * before the restart re-sends the very same event and its job reports done on hub.webhook.jobs; and a job the
 * restart interrupted is resumed, not left `running`.
 */
@ExtendWith(KafkaStackExtension.class)
class WebhookRestartIT {

    private static final AtomicLong ACCOUNTS = new AtomicLong(System.nanoTime() % 1_000_000);
    private static final Map<String, String> ACCOUNT_OF = new ConcurrentHashMap<>();

    private KafkaStack stack;
    private String prefix;
    private KafkaSettings kafka;
    private AvroSerdes serdes;
    private TokenCipher cipher;
    private KafkaProducer<String, Object> producer;
    private Receiver receiver;
    private Path storeDir;

    @BeforeEach
    void start(KafkaStack stack) {
        this.stack = stack;
        prefix = "whrs" + Long.toHexString(System.nanoTime() & 0xffffff) + ".";
        kafka = KafkaSettings.read(new EnvReader(ServiceEnvironment.base(stack, prefix)));
        for (var spec : List.of(Topics.EVENTS, Topics.MESSAGE_STATUS, Topics.CHANNELS, Topics.WEBHOOKS,
                Topics.WEBHOOK_EVENTS)) {
            stack.createTopic(spec.name(prefix), 2, Map.of());
        }
        serdes = stack.serdes();
        cipher = TokenCipher.parse(ServiceEnvironment.TEST_TOKEN_KEYS);
        producer = stack.producer(new StringSerializer(), serdes.serializer());
        receiver = new Receiver();
        storeDir = WebhookSettings.forTests().storeDir();
    }

    @AfterEach
    void stop() {
        receiver.close();
        producer.close();
    }

    private WebhookDeliveryModule module() {
        WebhookSettings t = WebhookSettings.forTests();
        WebhookSettings settings = new WebhookSettings(prefix + "router", prefix + "delivery",
                t.maxInFlightPerEndpoint(), t.maxQueuedPerEndpoint(), t.maxUnfinished(), t.httpTimeout(),
                t.retryInitial(), t.retryMax(), t.retryHorizon(), t.queueRetention(), t.maxBodyBytes(), true,
                storeDir); // the same store across the restarts of one test: a restart resumes where it stopped
        return new WebhookDeliveryModule(settings, kafka, serdes, cipher, new SimpleMeterRegistry(),
                Clock.systemUTC()).start();
    }

    @Test
    void shouldRetryAnAttemptLoggedBeforeTheRestartWithTheSameEventId() throws Exception {
        String app = "app-" + UUID.randomUUID();
        String channel = channel(app);
        String webhookId = webhook(app, receiver.url("/ok/restart"));
        String logId;
        try (WebhookDeliveryModule before = module()) {
            inbound(channel, "1001", "mid-restart-1", "before the restart");
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.at("/ok/restart").size() == 1);
            logId = await().atMost(Duration.ofSeconds(30)).until(() -> logged(webhookId), id -> id != null);
        }
        String eventId = receiver.at("/ok/restart").get(0).json().getString("eventId");

        try (WebhookDeliveryModule after = module()) {
            Thread.sleep(1000);
            assertThat(receiver.at("/ok/restart")).hasSize(1); // not delivered twice by the restart
            String jobId = UUID.randomUUID().toString();
            command(webhookId, new JsonObject().put("type", "RETRY").put("jobId", jobId)
                    .put("webhookId", webhookId).put("applicationId", app)
                    .put("logIds", new JsonArray().add(logId)));
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.at("/ok/restart").size() == 2);
            assertThat(receiver.at("/ok/restart").get(1).json().getString("eventId")).isEqualTo(eventId);
            await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(job(jobId).getString("state")));
            assertThat(job(jobId).getInteger("matched")).isEqualTo(1);
            assertThat(job(jobId).getInteger("queued")).isEqualTo(1);
        }
    }

    @Test
    void shouldResumeAJobThatARestartInterruptedWithoutResendingWhatItDelivered() throws Exception {
        String app = "app-" + UUID.randomUUID();
        String channel = channel(app);
        String path = "/budget/resume";
        String webhookId = webhook(app, receiver.url(path));
        String jobId = UUID.randomUUID().toString();
        try (WebhookDeliveryModule before = module()) {
            for (int i = 0; i < 4; i++) {
                inbound(channel, "2001", "mid-resume-" + i, "event " + i);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> successes(webhookId, null) == 4);
            receiver.budget(path, 2); // the replay gets two answers, then the endpoint hangs on the third
            command(webhookId, new JsonObject().put("type", "REPLAY").put("jobId", jobId)
                    .put("webhookId", webhookId).put("applicationId", app).put("from", Instant.EPOCH.toString())
                    .put("to", Instant.now().plus(Duration.ofDays(1)).toString()).put("status", "Success"));
            await().atMost(Duration.ofSeconds(30)).until(() -> successes(webhookId, jobId) == 2
                    && receiver.at(path).size() >= 7);
            assertThat(job(jobId).getString("state")).isEqualTo("running");
        } // the dispatcher stops in the middle of the job
        assertThat(job(jobId).getString("state")).isEqualTo("running");
        receiver.unlimited(path);
        int seenBeforeRestart = receiver.at(path).size();

        try (WebhookDeliveryModule after = module()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(job(jobId).getString("state")));
            JsonObject done = job(jobId);
            assertThat(done.getInteger("matched")).isEqualTo(4);
            assertThat(done.getInteger("queued")).isEqualTo(4);
            assertThat(done.getInteger("resumes")).isEqualTo(1);
            assertThat(done.getInteger("deliveredBeforeResume")).isEqualTo(2);
            assertThat(receiver.at(path).subList(seenBeforeRestart, receiver.at(path).size()))
                    .extracting(d -> d.json().getJsonObject("content").getString("text"))
                    .containsExactly("event 2", "event 3");
        }
    }

    /** Successful attempts logged for the webhook, only those of job {@code jobId} when it is not null. */
    private long successes(String webhookId, String jobId) {
        return stack.readAll(prefix + "hub.webhook.log", new StringDeserializer(), new ByteArrayDeserializer(), 0,
                Duration.ofSeconds(2)).stream().filter(r -> webhookId.equals(r.key()))
                .map(r -> logLine(r.value()))
                .filter(j -> "Success".equals(j.getString("status")))
                .filter(j -> jobId == null ? j.getString("jobId") == null : jobId.equals(j.getString("jobId")))
                .count();
    }

    private String logged(String webhookId) {
        return stack.readAll(prefix + "hub.webhook.log", new StringDeserializer(), new ByteArrayDeserializer(), 0,
                Duration.ofSeconds(2)).stream().filter(r -> webhookId.equals(r.key()))
                .map(r -> logLine(r.value()).getString("id")).findFirst().orElse(null);
    }

    private JsonObject job(String jobId) {
        List<ConsumerRecord<String, byte[]>> records = stack.readAll(prefix + "hub.webhook.jobs",
                new StringDeserializer(), new ByteArrayDeserializer(), 0, Duration.ofSeconds(2)).stream()
                .filter(r -> jobId.equals(r.key())).toList();
        return records.isEmpty() ? new JsonObject()
                : jobLine(records.get(records.size() - 1).value());
    }

    private void command(String webhookId, JsonObject command) throws Exception {
        try (var bytes = stack.producer(new StringSerializer(), new ByteArraySerializer())) {
            bytes.send(new ProducerRecord<>(prefix + "hub.webhook.commands", webhookId,
                    command.toBuffer().getBytes())).get();
        }
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
        return channelId;
    }

    private String webhook(String app, String endpoint) throws Exception {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        Webhook webhook = Webhook.newBuilder().setWebhookId(id).setApplicationId(app)
                .setRegistration(WebhookRegistration.newBuilder().setLabel("restart").setEndpoint(endpoint)
                        .setEventType(HubEventType.Message).build())
                .setSecrets(List.of(new SigningSecret(cipher.encrypt("s"), now, null))).setVerified(true)
                .setVerifiedAt(now).setEnabled(true).setCreatedAt(now).setUpdatedAt(now).build();
        producer.send(new ProducerRecord<>(Topics.WEBHOOKS.name(prefix), id, webhook)).get();
        return id;
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
