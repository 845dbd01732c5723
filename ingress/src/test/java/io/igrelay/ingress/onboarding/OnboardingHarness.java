package io.igrelay.ingress.onboarding;

import io.igrelay.ingress.apps.AuthenticatedApplication;
import io.igrelay.ingress.channels.ChannelRegistryView;
import io.igrelay.ingress.config.EdgeLimits;
import io.igrelay.ingress.config.OnboardingSettings;
import io.igrelay.ingress.metagraph.SubscribedFields;
import io.igrelay.ingress.support.Http;
import io.igrelay.ingress.support.OffsetClock;
import io.igrelay.sandbox.Sandbox;
import io.igrelay.sandbox.SandboxConfig;
import io.igrelay.schemas.config.EnvReader;
import io.igrelay.schemas.config.MetaSettings;
import io.igrelay.schemas.config.Secret;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.testkit.FreePorts;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The onboarding under test, without Kafka: the sandbox (Meta's OAuth pages and Graph) in-process, the module on a
 * real HTTP port with an in-memory registry and the {@link FoldingPublisher}, and two Applications whose API keys
 * are {@link #KEY_A} and {@link #KEY_B}.
 */
public final class OnboardingHarness implements AutoCloseable {

    /** The harness is shared by a class's tests, which sign in more often than a person would. */
    private static final EdgeLimits SIGN_IN_UNLIMITED = EdgeLimits.read(new EnvReader(
            Map.of("DASHBOARD_SIGNIN_PER_MINUTE", "100000")));

    public static final String KEY_A = "igr_appakey1_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    public static final String KEY_B = "igr_appbkey1_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    public static final TokenCipher CIPHER = TokenCipher.parse("k1:" + Base64.getEncoder().encodeToString(
            "0123456789abcdef0123456789abcdef".getBytes()));

    public final Vertx vertx = Vertx.vertx();
    public final Sandbox sandbox;
    public final ChannelRegistryView registry = new ChannelRegistryView();
    public final FoldingPublisher publisher = new FoldingPublisher(registry);
    /** The hub's clock (OAuth state and session expiry); the sandbox keeps its own. */
    public final OffsetClock clock = new OffsetClock();
    public final OnboardingModule module;
    public final String baseUrl;
    private final HttpServer server;

    public OnboardingHarness() {
        this(Clock.systemUTC(), Map.of());
    }

    public OnboardingHarness(Clock sandboxClock, Map<String, String> sandboxEnv) {
        this(sandboxClock, sandboxEnv, Optional.empty());
    }

    /** {@code facebookConfigId}: the hub's Facebook Login for Business configuration (FACEBOOK_LOGIN_CONFIG_ID). */
    public OnboardingHarness(Clock sandboxClock, Map<String, String> sandboxEnv, Optional<String> facebookConfigId) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("SANDBOX_PORT", "0", "SANDBOX_INSTANCES", "1",
                "SANDBOX_WEBHOOK_URL", "http://127.0.0.1:9/webhooks/instagram"));
        env.putAll(sandboxEnv);
        sandbox = Sandbox.start(vertx, SandboxConfig.fromEnv(env), sandboxClock).await();
        int port = FreePorts.find();
        baseUrl = "http://localhost:" + port;
        MetaSettings meta = new MetaSettings(Optional.of(SandboxConfig.DEV_META_APP_ID),
                Optional.of(new Secret(SandboxConfig.DEV_META_APP_SECRET)),
                Optional.of(SandboxConfig.DEV_INSTAGRAM_APP_ID),
                Optional.of(new Secret(SandboxConfig.DEV_INSTAGRAM_APP_SECRET)), MetaSettings.DEFAULT_GRAPH_API_VERSION,
                URI.create(sandbox.graphFacebookUrl()), URI.create(sandbox.graphInstagramUrl()),
                URI.create(sandbox.instagramApiUrl()), sandbox.facebookDialogUrl(), sandbox.instagramAuthorizeUrl());
        OnboardingSettings settings = new OnboardingSettings(SubscribedFields.defaults(), facebookConfigId,
                Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofSeconds(2), false, Duration.ofDays(10),
                Duration.ofHours(1), false, Duration.ofHours(1));
        module = new OnboardingModule(vertx, new OnboardingModule.Parts(meta, URI.create(baseUrl), CIPHER, settings,
                (key, now) -> KEY_A.equals(key) ? Optional.of(app("app-a", "Shop A"))
                        : KEY_B.equals(key) ? Optional.of(app("app-b", "Shop B")) : Optional.empty(),
                registry, publisher, clock, id -> true), SIGN_IN_UNLIMITED);
        Router router = Router.router(vertx);
        module.mount(router);
        module.start().await();
        server = vertx.createHttpServer().requestHandler(router).listen(port).await();
    }

    private static AuthenticatedApplication app(String id, String name) {
        return new AuthenticatedApplication(id, name, id + "-key", false, Optional.empty());
    }

    /** A call to the sandbox's admin API (faults, accounts), e.g. {@code PUT /faults/token-exchange}. */
    public java.net.http.HttpResponse<String> sandboxAdmin(String method, String path, String json) {
        return Http.send(java.net.http.HttpRequest.newBuilder(URI.create(sandbox.adminUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HubClient browser() {
        return new HubClient(baseUrl);
    }

    @Override
    public void close() {
        module.close();
        server.close().await();
        sandbox.close().await();
        vertx.close().await();
    }
}
