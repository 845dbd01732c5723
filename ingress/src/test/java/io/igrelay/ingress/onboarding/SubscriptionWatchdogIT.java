package io.igrelay.ingress.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.igrelay.avro.Channel;
import io.igrelay.avro.SubscriptionCheckOutcome;
import io.igrelay.ingress.apps.AuthenticatedApplication;
import io.igrelay.ingress.config.IngressConfig;
import io.igrelay.ingress.config.OnboardingSettings;
import io.igrelay.ingress.metagraph.SubscribedFields;
import io.igrelay.ingress.subscriptions.SubscriptionWatchdog;
import io.igrelay.sandbox.Sandbox;
import io.igrelay.sandbox.SandboxConfig;
import io.igrelay.sandbox.state.Flavour;
import io.igrelay.sandbox.state.IgAccount;
import io.igrelay.schemas.topics.Topics;
import io.igrelay.testkit.FreePorts;
import io.igrelay.testkit.KafkaStack;
import io.igrelay.testkit.KafkaStackExtension;
import io.igrelay.testkit.ServiceEnvironment;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The subscription watchdog over a real broker and the strict sandbox: after Meta (the sandbox) drops an account's
 * webhook subscription, one watchdog round subscribes the configured fields again — through the Page with Page
 * fields for Facebook Login, through the account with Instagram fields for Instagram Login — counts the repair and
 * records the check on ig.channels (folded by the processor stub), where the dashboard and the API read it.
 */
@ExtendWith(KafkaStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubscriptionWatchdogIT {

    private static final String PREFIX = "watchdog-it.";
    private static final String SHOP = "17841463920184527";
    private static final String CREATOR = "17841455500000003";
    private final Vertx vertx = Vertx.vertx();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private KafkaStack stack;
    private Sandbox sandbox;
    private OnboardingModule module;
    private HttpServer server;
    private ProcessorFoldStub fold;
    private IngressConfig config;

    @BeforeAll
    void start(KafkaStack stack) {
        this.stack = stack;
        stack.createTopic(Topics.CHANNELS.name(PREFIX), 2, Map.of("cleanup.policy", "compact"));
        stack.createTopic(Topics.CHANNEL_EVENTS.name(PREFIX), 2, Map.of());
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
        fold = new ProcessorFoldStub(stack.consumerProps("watchdog-fold"), stack.producerProps(), stack.serdes(),
                Topics.CHANNEL_EVENTS.name(PREFIX), Topics.CHANNELS.name(PREFIX));
        OnboardingSettings settings = new OnboardingSettings(SubscribedFields.defaults(), Optional.empty(),
                Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofSeconds(10), false, Duration.ofDays(10),
                Duration.ofHours(1), true, Duration.ofHours(1));
        module = OnboardingModule.forKafka(vertx, config, settings, stack.serdes(),
                (key, now) -> OnboardingHarness.KEY_A.equals(key) ? Optional.of(new AuthenticatedApplication(
                        "app-a", "Shop A", "k", false, Optional.empty())) : Optional.empty(), Clock.systemUTC());
        module.bindMetrics(metrics);
        Router router = Router.router(vertx);
        module.mount(router);
        module.start().await();
        server = vertx.createHttpServer().requestHandler(router).listen(config.publicBaseUrl().getPort()).await();
    }

    @AfterAll
    void stop() throws Exception {
        server.close().await();
        module.close();
        fold.close();
        sandbox.close().await();
        vertx.close().await();
    }

    private HubClient browser() {
        return new HubClient(config.publicBaseUrl().toString());
    }

    private SubscriptionWatchdog watchdog() {
        return module.watchdog().orElseThrow();
    }

    /** Runs rounds until one repairs something (this replica leads the channel once its group assignment came). */
    private void repairRound() {
        await().atMost(Duration.ofSeconds(30)).until(() -> watchdog().runOnce().await() > 0);
    }

    private Channel channelOf(String igUserId) {
        return module.registry().holderOf(igUserId).orElseThrow();
    }

    @Test
    void shouldResubscribeAnInstagramAccountMetaUnsubscribed() {
        InstagramFlowTest.connect(browser(), OnboardingHarness.KEY_A,
                "&sandbox_auto=allow&sandbox_account=fixture.shop");
        await().atMost(Duration.ofSeconds(20)).until(() -> module.registry().holderOf(SHOP).isPresent());
        IgAccount shop = sandbox.state().directory().account(SHOP).orElseThrow();
        shop.unsubscribe();

        repairRound();

        assertThat(shop.subscription()).hasValueSatisfying(s -> {
            assertThat(s.flavour()).isEqualTo(Flavour.INSTAGRAM_LOGIN);
            assertThat(s.fields()).containsExactlyElementsOf(SubscribedFields.defaults().instagram());
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(channelOf(SHOP).getSubscriptionCheck())
                .satisfies(check -> {
                    assertThat(check.getOutcome()).isEqualTo(SubscriptionCheckOutcome.REPAIRED);
                    assertThat(check.getMissingFields()).containsExactlyElementsOf(
                            SubscribedFields.defaults().instagram());
                }));
        assertThat(metrics.counter("igrelay_ingress_subscription_repairs", "flavour", "INSTAGRAM_LOGIN").count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void shouldResubscribeAPageMetaUnsubscribedWithPageFields() {
        HubClient browser = browser();
        FacebookFlowTest.toPageChooser(browser, "&sandbox_auto=allow&sandbox_pages=all");
        browser.follow(browser.post("/dashboard/connect/facebook/pages", Map.of("pageId", "108920345566780")));
        browser.follow(browser.post("/dashboard/connect/facebook/accounts", Map.of("igUserId", CREATOR)));
        await().atMost(Duration.ofSeconds(20)).until(() -> module.registry().holderOf(CREATOR).isPresent());
        IgAccount creator = sandbox.state().directory().account(CREATOR).orElseThrow();
        creator.unsubscribe();

        repairRound();

        assertThat(creator.subscription()).hasValueSatisfying(s -> {
            assertThat(s.flavour()).isEqualTo(Flavour.FACEBOOK_LOGIN);
            assertThat(s.fields()).containsExactlyElementsOf(SubscribedFields.defaults().page());
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(channelOf(CREATOR)
                .getSubscriptionCheck().getOutcome()).isEqualTo(SubscriptionCheckOutcome.REPAIRED));
    }

    @Test
    void shouldRecordAnOkCheckWhenNothingIsMissingAndShowItOnTheChannelPage() {
        InstagramFlowTest.connect(browser(), OnboardingHarness.KEY_A,
                "&sandbox_auto=allow&sandbox_account=fixture.studio");
        String studio = "17841407715263948";
        await().atMost(Duration.ofSeconds(20)).until(() -> module.registry().holderOf(studio).isPresent());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            watchdog().runOnce().await();
            assertThat(channelOf(studio).getSubscriptionCheck()).isNotNull();
            assertThat(channelOf(studio).getSubscriptionCheck().getOutcome()).isEqualTo(SubscriptionCheckOutcome.OK);
        });
        HubClient browser = browser();
        browser.signIn(OnboardingHarness.KEY_A);
        assertThat(browser.get("/dashboard/channels/" + channelOf(studio).getChannelId()).body())
                .contains("Webhook subscription", "OK at");
    }
}
