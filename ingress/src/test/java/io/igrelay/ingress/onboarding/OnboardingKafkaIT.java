package io.igrelay.ingress.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.ApiKey;
import io.igrelay.avro.Application;
import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.ChannelEventType;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.ingress.apps.ApiKeyCredentials;
import io.igrelay.ingress.apps.AuthenticatedApplication;
import io.igrelay.ingress.config.IngressConfig;
import io.igrelay.ingress.config.OnboardingSettings;
import io.igrelay.ingress.metagraph.SubscribedFields;
import io.igrelay.sandbox.Sandbox;
import io.igrelay.sandbox.SandboxConfig;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.schemas.topics.Topics;
import io.igrelay.testkit.FreePorts;
import io.igrelay.testkit.KafkaStack;
import io.igrelay.testkit.KafkaStackExtension;
import io.igrelay.testkit.ServiceEnvironment;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The onboarding over a real broker and registry: the connect event reaches ig.channel.events with the token
 * encrypted (never in clear bytes), and the registry view is rebuilt from ig.channels after a restart.
 */
@ExtendWith(KafkaStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnboardingKafkaIT {

    private static final String PREFIX = "onboarding-it.";
    private static final String STUDIO_USER_ID = "17841407715263948";
    private final Vertx vertx = Vertx.vertx();
    private KafkaStack stack;
    private Sandbox sandbox;
    private IngressConfig config;

    @BeforeAll
    void start(KafkaStack stack) {
        this.stack = stack;
        stack.createTopic(Topics.CHANNELS.name(PREFIX), 2, Map.of("cleanup.policy", "compact"));
        stack.createTopic(Topics.CHANNEL_EVENTS.name(PREFIX), 2, Map.of());
        stack.createTopic(Topics.APPLICATIONS.name(PREFIX), 2, Map.of("cleanup.policy", "compact"));
        sandbox = Sandbox.start(vertx, SandboxConfig.fromEnv(Map.of("SANDBOX_PORT", "0", "SANDBOX_INSTANCES", "1")))
                .await();
        Map<String, String> env = ServiceEnvironment.base(stack, PREFIX);
        env.putAll(Map.of("META_APP_ID", SandboxConfig.DEV_META_APP_ID,
                "META_APP_SECRET", SandboxConfig.DEV_META_APP_SECRET,
                "INSTAGRAM_APP_ID", SandboxConfig.DEV_INSTAGRAM_APP_ID,
                "INSTAGRAM_APP_SECRET", SandboxConfig.DEV_INSTAGRAM_APP_SECRET,
                "GRAPH_FACEBOOK_URL", sandbox.graphFacebookUrl(), "GRAPH_INSTAGRAM_URL", sandbox.graphInstagramUrl(),
                "INSTAGRAM_API_URL", sandbox.instagramApiUrl(), "INSTAGRAM_AUTHORIZE_URL",
                sandbox.instagramAuthorizeUrl(), "FACEBOOK_DIALOG_URL", sandbox.facebookDialogUrl()));
        env.put("PUBLIC_BASE_URL", "http://localhost:" + FreePorts.find());
        config = IngressConfig.fromEnv(env);
    }

    @AfterAll
    void stop() {
        sandbox.close().await();
        vertx.close().await();
    }

    /** One ingress lifetime: the module on its port, closed by the caller. */
    private final class Running implements AutoCloseable {
        final OnboardingModule module;
        final HttpServer server;

        Running() {
            this(true);
        }

        /** @param stubSignIn false = the module reads hub.applications and checks real API keys */
        Running(boolean stubSignIn) {
            OnboardingSettings settings = new OnboardingSettings(SubscribedFields.defaults(), Optional.empty(),
                    Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofSeconds(2), false, Duration.ofDays(10),
                    Duration.ofHours(1), false, Duration.ofHours(1));
            module = OnboardingModule.forKafka(vertx, config, settings, stack.serdes(), !stubSignIn ? null
                    : (key, now) -> OnboardingHarness.KEY_A.equals(key) ? Optional.of(new AuthenticatedApplication(
                            "app-a", "Shop A", "k", false, Optional.empty())) : Optional.empty(),
                    Clock.systemUTC());
            Router router = Router.router(vertx);
            module.mount(router);
            module.start().await();
            server = vertx.createHttpServer().requestHandler(router).listen(config.publicBaseUrl().getPort()).await();
        }

        HubClient browser() {
            return new HubClient(config.publicBaseUrl().toString());
        }

        @Override
        public void close() {
            server.close().await();
            module.close();
        }
    }

    @Test
    void shouldPublishTheConnectEventWithAnEncryptedToken() {
        try (Running ingress = new Running()) {
            HubClient browser = ingress.browser();
            HttpResponse<String> page = InstagramFlowTest.connect(browser, OnboardingHarness.KEY_A,
                    "&sandbox_auto=allow&sandbox_account=fixture.studio");
            assertThat(page.statusCode()).as("no processor folds here: the page says it is catching up")
                    .isEqualTo(202);

            List<ConsumerRecord<String, byte[]>> raw = stack.readAll(Topics.CHANNEL_EVENTS.name(PREFIX),
                    new StringDeserializer(), new ByteArrayDeserializer(), 1, Duration.ofSeconds(20));
            var deserializer = stack.serdes().deserializer(ChannelEvent.class);
            ConsumerRecord<String, byte[]> record = raw.stream().filter(r -> deserializer
                    .deserialize(r.topic(), r.value()).getIgUserId().equals(STUDIO_USER_ID)).findFirst().orElseThrow();
            ChannelEvent event = deserializer.deserialize(record.topic(), record.value());
            assertThat(event.getType()).isEqualTo(ChannelEventType.CONNECTED);
            assertThat(page.body()).contains(event.getChannelId());
            assertThat(record.key()).isEqualTo(event.getChannelId());
            String token = TokenCipher.parse(ServiceEnvironment.TEST_TOKEN_KEYS).decrypt(event.getToken());
            assertThat(sandbox.state().tokens().find(token)).isPresent();
            assertThat(new String(record.value(), StandardCharsets.ISO_8859_1)).doesNotContain(token);
        }
    }

    @Test
    void shouldShowTheDetailPageOnceTheFoldReachesIgChannels() throws Exception {
        try (Running ingress = new Running();
             ProcessorFoldStub fold = new ProcessorFoldStub(stack.consumerProps("fold-stub"), stack.producerProps(),
                     stack.serdes(), Topics.CHANNEL_EVENTS.name(PREFIX), Topics.CHANNELS.name(PREFIX))) {
            HttpResponse<String> page = InstagramFlowTest.connect(ingress.browser(), OnboardingHarness.KEY_A,
                    "&sandbox_auto=allow&sandbox_account=fixture.shop");

            Channel channel = ingress.module.registry().holderOf(InstagramFlowTest.SHOP_USER_ID).orElseThrow();
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.uri().getPath()).isEqualTo("/dashboard/channels/" + channel.getChannelId());
            assertThat(page.body()).contains(channel.getChannelId(), "@fixture.shop", "ACTIVE");
        }
    }

    @Test
    void shouldShowTheChannelsOfIgChannelsAgainAfterARestart() throws Exception {
        Instant at = Instant.parse("2026-02-01T12:00:00Z");
        String channelId = "5e5e5e5e-0000-4000-8000-000000000001";
        Channel channel = Channel.newBuilder().setChannelId(channelId).setApplicationId("app-a")
                .setIgUserId("17841455500000003").setUsername("fixture.creator")
                .setFlavour(io.igrelay.avro.Flavour.INSTAGRAM_LOGIN).setStatus(ChannelStatus.ACTIVE)
                .setConnectedAt(at).setUpdatedAt(at).build();
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(stack.producerProps(),
                new StringSerializer(), stack.serdes().serializer())) {
            producer.send(new ProducerRecord<>(Topics.CHANNELS.name(PREFIX), channelId, channel)).get();
        }

        for (int lifetime = 1; lifetime <= 2; lifetime++) {
            try (Running ingress = new Running()) {
                HubClient browser = ingress.browser();
                browser.signIn(OnboardingHarness.KEY_A);
                assertThat(browser.get("/dashboard").body()).as("lifetime " + lifetime)
                        .contains(channelId, "@fixture.creator");
                assertThat(ingress.module.registry().byApplication("app-a")).extracting(Channel::getChannelId)
                        .contains(channelId);
            }
        }
    }

    @Test
    void shouldSignInWithAnApiKeyOfHubApplications() throws Exception {
        Instant now = Instant.now();
        Application application = Application.newBuilder().setApplicationId("app-real").setName("Real Shop")
                .setApiKeys(List.of(ApiKey.newBuilder().setKeyId("appakey1")
                        .setSecretSha256(ByteBuffer.wrap(ApiKeyCredentials.sha256("a".repeat(32))))
                        .setCreatedAt(now).build()))
                .setHumanAgentAllowed(false).setCreatedAt(now).setUpdatedAt(now).build();
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(stack.producerProps(),
                new StringSerializer(), stack.serdes().serializer())) {
            producer.send(new ProducerRecord<>(Topics.APPLICATIONS.name(PREFIX), "app-real", application)).get();
        }

        try (Running ingress = new Running(false)) {
            HubClient browser = ingress.browser();
            browser.signIn(OnboardingHarness.KEY_A);
            HttpResponse<String> dashboard = browser.last();
            assertThat(dashboard.statusCode()).isEqualTo(200);
            assertThat(dashboard.body()).contains("<h1>Channels</h1>", "Real Shop");

            HubClient stranger = ingress.browser();
            stranger.signIn("igr_appakey1_" + "b".repeat(32));
            assertThat(stranger.last().statusCode()).isEqualTo(401);
        }
    }
}
