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
import io.igrelay.sandbox.Sandbox;
import io.igrelay.sandbox.SandboxConfig;
import io.igrelay.sandbox.state.Directory;
import io.igrelay.schemas.config.EnvReader;
import io.igrelay.schemas.config.KafkaSettings;
import io.igrelay.schemas.config.MetaSettings;
import io.igrelay.schemas.config.Secret;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.schemas.topics.Topics;
import io.igrelay.testkit.KafkaStack;
import io.igrelay.testkit.KafkaStackExtension;
import io.igrelay.testkit.ServiceEnvironment;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * includeContact end to end on the real broker and registry, with the sandbox as Meta's User Profile API on both
 * hosts: a webhook that asked gets the customer's `contact` on its Message events, one that did not gets none, and a
 * customer Meta refuses (never wrote) still gets the event, with `contact: null`.
 */
@ExtendWith(KafkaStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookContactIT {

    private static final AtomicLong IGSIDS = new AtomicLong(26483910275519084L + System.nanoTime() % 1_000_000);

    private String prefix;
    private TokenCipher cipher;
    private Vertx vertx;
    private Sandbox sandbox;
    private KafkaProducer<String, Object> producer;
    private Receiver receiver;
    private WebhookDeliveryModule module;
    private final OffsetClock clock = new OffsetClock();

    @BeforeAll
    void start(KafkaStack stack) {
        prefix = "whct" + Long.toHexString(System.nanoTime() & 0xffffff) + ".";
        vertx = Vertx.vertx();
        sandbox = Sandbox.startBlocking(vertx, SandboxConfig.fromEnv(Map.of("SANDBOX_PORT", "0",
                "SANDBOX_ECHOES", "false", "SANDBOX_WEBHOOK_URL", "http://127.0.0.1:1/unused")));
        MetaSettings meta = new MetaSettings(Optional.of(SandboxConfig.DEV_META_APP_ID),
                Optional.of(new Secret(SandboxConfig.DEV_META_APP_SECRET)), Optional.empty(), Optional.empty(),
                MetaSettings.DEFAULT_GRAPH_API_VERSION, URI.create(sandbox.graphFacebookUrl()),
                URI.create(sandbox.graphInstagramUrl()), URI.create(sandbox.instagramApiUrl()),
                sandbox.facebookDialogUrl(), sandbox.instagramAuthorizeUrl());
        Map<String, String> env = ServiceEnvironment.base(stack, prefix);
        KafkaSettings kafka = KafkaSettings.read(new EnvReader(env));
        for (var spec : List.of(Topics.EVENTS, Topics.MESSAGE_STATUS, Topics.CHANNELS, Topics.WEBHOOKS,
                Topics.WEBHOOK_EVENTS)) {
            stack.createTopic(spec.name(prefix), 2, Map.of());
        }
        cipher = TokenCipher.parse(ServiceEnvironment.TEST_TOKEN_KEYS);
        producer = stack.producer(new StringSerializer(), stack.serdes().serializer());
        receiver = new Receiver();
        module = new WebhookDeliveryModule(WebhookSettings.forTests(), kafka, stack.serdes(), cipher,
                new SimpleMeterRegistry(), clock).withContacts(meta).start();
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
        if (sandbox != null) {
            sandbox.close().await();
        }
        if (vertx != null) {
            vertx.close().await();
        }
    }

    @Test
    void shouldAttachTheContactOnlyToTheWebhookThatAskedOnBothLoginFlavours() throws Exception {
        for (var flavour : List.of(Flavour.INSTAGRAM_LOGIN, Flavour.FACEBOOK_LOGIN)) {
            String account = flavour == Flavour.INSTAGRAM_LOGIN ? Directory.ACCOUNT_A : Directory.ACCOUNT_B;
            String app = "app-" + UUID.randomUUID();
            String channel = channel(app, account, flavour);
            String with = "/ok/contact-with-" + flavour;
            String without = "/ok/contact-without-" + flavour;
            webhook(app, receiver.url(with), true);
            webhook(app, receiver.url(without), false);
            String igsid = Long.toString(IGSIDS.incrementAndGet());
            sandbox.users().openWindow(account, igsid, sandbox.clock().millis()); // the customer wrote: consent
            inbound(channel, account, igsid, "mid-contact-" + flavour, "hello");

            await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.at(with).isEmpty()
                    && !receiver.at(without).isEmpty());
            JsonObject contact = receiver.at(with).get(0).json().getJsonObject("contact");
            assertThat(contact).as(flavour.name()).isNotNull();
            assertThat(contact.getString("igsid")).isEqualTo(igsid);
            assertThat(contact.getString("channelId")).isEqualTo(channel);
            assertThat(contact.getString("username")).isNotEmpty();
            assertThat(contact.getString("profilePicUrl")).startsWith("https://");
            assertThat(contact.getInteger("followerCount")).isNotNull();
            assertThat(receiver.at(without).get(0).json().containsKey("contact")).isFalse();
        }
    }

    @Test
    void shouldDeliverWithANullContactWhenMetaRefusesTheProfile() throws Exception {
        String app = "app-" + UUID.randomUUID();
        String channel = channel(app, Directory.ACCOUNT_A, Flavour.INSTAGRAM_LOGIN);
        webhook(app, receiver.url("/ok/contact-refused"), true);
        String igsid = Long.toString(IGSIDS.incrementAndGet());
        sandbox.state().directory().customerOrCreate(igsid); // known to Meta, never wrote: no consent
        inbound(channel, Directory.ACCOUNT_A, igsid, "mid-contact-refused", "hi");

        await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.at("/ok/contact-refused").isEmpty());
        JsonObject body = receiver.at("/ok/contact-refused").get(0).json();
        assertThat(body.containsKey("contact")).isTrue();
        assertThat(body.getValue("contact")).isNull();
        assertThat(body.getJsonObject("content").getString("text")).isEqualTo("hi");
    }

    private String channel(String app, String account, Flavour flavour) throws Exception {
        String channelId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        var sandboxFlavour = flavour == Flavour.INSTAGRAM_LOGIN ? io.igrelay.sandbox.state.Flavour.INSTAGRAM_LOGIN
                : io.igrelay.sandbox.state.Flavour.FACEBOOK_LOGIN;
        producer.send(new ProducerRecord<>(Topics.CHANNELS.name(prefix), channelId, Channel.newBuilder()
                .setChannelId(channelId).setApplicationId(app).setIgUserId(account).setUsername("shop")
                .setFlavour(flavour).setStatus(ChannelStatus.ACTIVE).setConnectedAt(now).setUpdatedAt(now)
                .setToken(cipher.encrypt(sandbox.issueToken(account, sandboxFlavour))).build())).get();
        Thread.sleep(300); // the module's channel view follows the topic
        return channelId;
    }

    private void webhook(String app, String endpoint, boolean includeContact) throws Exception {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        Webhook webhook = Webhook.newBuilder().setWebhookId(id).setApplicationId(app)
                .setRegistration(WebhookRegistration.newBuilder().setLabel("it").setEndpoint(endpoint)
                        .setEventType(HubEventType.Message).setIncludeContact(includeContact).build())
                .setSecrets(List.of(new SigningSecret(cipher.encrypt("s"), now, null))).setVerified(true)
                .setVerifiedAt(now).setEnabled(true).setCreatedAt(now).setUpdatedAt(now).build();
        producer.send(new ProducerRecord<>(Topics.WEBHOOKS.name(prefix), id, webhook)).get();
        Thread.sleep(300);
    }

    private void inbound(String channel, String account, String igsid, String mid, String text) throws Exception {
        Instant now = Instant.now();
        InstagramEvent event = InstagramEvent.newBuilder().setEventId(UUID.nameUUIDFromBytes(mid.getBytes())
                .toString()).setKind(EventKind.MESSAGE).setIgAccountId(account).setIgsid(igsid)
                .setChannelId(channel).setMid(mid).setTimestamp(now).setReceivedAt(now).setDeliveryId("d")
                .setText(text).build();
        producer.send(new ProducerRecord<>(Topics.EVENTS.name(prefix), igsid, event)).get();
    }
}
