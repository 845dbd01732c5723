package io.igrelay.ingress.onboarding;

import io.igrelay.avro.Application;
import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.ingress.api.ChannelGraph;
import io.igrelay.ingress.api.MessagingProfiles;
import io.igrelay.ingress.apps.ApplicationView;
import io.igrelay.ingress.channels.ChannelEventPublisher;
import io.igrelay.ingress.channels.ChannelRegistryView;
import io.igrelay.ingress.channels.KafkaChannelEventPublisher;
import io.igrelay.ingress.config.EdgeLimits;
import io.igrelay.ingress.config.IngressConfig;
import io.igrelay.ingress.config.OnboardingSettings;
import io.igrelay.ingress.dashboard.ApplicationSignIn;
import io.igrelay.ingress.dashboard.DashboardRoutes;
import io.igrelay.ingress.dashboard.DashboardSessions;
import io.igrelay.ingress.dashboard.LoginCsrf;
import io.igrelay.ingress.dashboard.Pages;
import io.igrelay.ingress.dashboard.SessionHandler;
import io.igrelay.ingress.dashboard.SignInThrottle;
import io.igrelay.ingress.metagraph.FacebookLoginClient;
import io.igrelay.ingress.metagraph.InstagramLoginClient;
import io.igrelay.ingress.metagraph.MetaUnsubscriber;
import io.igrelay.ingress.metagraph.SubscribedFields;
import io.igrelay.ingress.subscriptions.SubscriptionReader;
import io.igrelay.ingress.subscriptions.SubscriptionWatchdog;
import io.igrelay.ingress.tokens.RefreshPolicy;
import io.igrelay.ingress.tokens.TokenRefreshLeadership;
import io.igrelay.ingress.tokens.TokenRefresher;
import io.igrelay.schemas.config.MetaSettings;
import io.igrelay.schemas.consume.CompactedTopicView;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.schemas.ops.HealthMonitor;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The onboarding and dashboard as one piece the ingress mounts: the registry view of ig.channels, the session store,
 * both OAuth flows, the dashboard pages and the channel upkeep — the token refresher and the subscription watchdog,
 * which share the Meta clients and the refresher's leadership (one replica upkeeps each channel).
 * {@link #mount} adds the routes, {@link #start} reads the views and starts the upkeep, {@link #close} stops
 * everything it started.
 */
public final class OnboardingModule implements AutoCloseable {

    /** Everything the module needs, so that tests can hand in in-memory parts. */
    public record Parts(MetaSettings meta, URI publicBaseUrl, TokenCipher cipher, OnboardingSettings settings,
                        ApplicationSignIn signIn, ChannelRegistryView registry, ChannelEventPublisher publisher,
                        Clock clock, Predicate<String> refreshOwnership) {
    }

    private final Vertx vertx;
    private final Parts parts;
    private final DashboardSessions sessions;
    private final EdgeLimits limits;
    private final WebClient http;
    private final InstagramLoginClient instagram;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<Supplier<CompletableFuture<Void>>> starters = new ArrayList<>();
    private final List<CompletableFuture<Void>> views = new ArrayList<>();
    private final List<CompactedTopicView<?>> readers = new ArrayList<>();
    private TokenRefresher refresher;
    private SubscriptionWatchdog watchdog;
    private MeterRegistry metrics = new SimpleMeterRegistry();
    private HealthMonitor health = HealthMonitor.standard(Clock.systemUTC());
    private TokenRefreshLeadership leadership;
    private long sweepTimer = -1;

    public OnboardingModule(Vertx vertx, Parts parts) {
        this(vertx, parts, EdgeLimits.defaults());
    }

    /** With the dashboard's bounds: sessions (count, absolute age) and sign-in attempts per source. */
    public OnboardingModule(Vertx vertx, Parts parts, EdgeLimits limits) {
        this.vertx = vertx;
        this.parts = parts;
        this.limits = limits;
        this.sessions = new DashboardSessions(parts.clock(), parts.settings().sessionTtl(), limits.sessionMaxAge(),
                limits.maxSessions(), who -> parts.signIn().keyInForce(who.applicationId(), who.keyId()));
        this.http = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5000)
                .setIdleTimeout(30).setFollowRedirects(false));
        this.instagram = new InstagramLoginClient(http, parts.meta(),
                parts.publicBaseUrl() + InstagramFlow.CALLBACK);
    }

    /**
     * The module over Kafka: its own ig.channels view and ig.channel.events producer; {@code signIn} null = read
     * hub.applications here too.
     */
    public static OnboardingModule forKafka(Vertx vertx, IngressConfig config, OnboardingSettings settings,
                                            AvroSerdes serdes, ApplicationSignIn signIn, Clock clock) {
        return forKafka(vertx, config, settings, serdes, channelRegistry(config, serdes), signIn, clock);
    }

    /** The ingress's view of ig.channels, as the module reads it; built first so the hub API can share it. */
    public static ChannelRegistryView channelRegistry(IngressConfig config, AvroSerdes serdes) {
        return new ChannelRegistryView(Topics.CHANNELS.name(config.kafka().topics().prefix()),
                config.kafka().consumer("igrelay-ingress-onboarding", "unused"), serdes.deserializer(Channel.class));
    }

    /**
     * The module over Kafka with the ingress's view of ig.channels ({@link #channelRegistry}, shared with the hub
     * API), which the module starts and closes; {@code signIn} null = read hub.applications here too.
     */
    public static OnboardingModule forKafka(Vertx vertx, IngressConfig config, OnboardingSettings settings,
                                            AvroSerdes serdes, ChannelRegistryView registry,
                                            ApplicationSignIn signIn, Clock clock) {
        String prefix = config.kafka().topics().prefix();
        Properties consumerProps = config.kafka().consumer("igrelay-ingress-onboarding", "unused");
        KafkaChannelEventPublisher publisher = new KafkaChannelEventPublisher(
                config.kafka().producer("igrelay-ingress-onboarding"), serdes.<ChannelEvent>serializer(),
                Topics.CHANNEL_EVENTS.name(prefix));
        List<AutoCloseable> owned = new ArrayList<>(List.of(publisher, registry));
        List<Supplier<CompletableFuture<Void>>> starters = new ArrayList<>();
        List<CompactedTopicView<?>> readers = new ArrayList<>();
        ApplicationSignIn effectiveSignIn = signIn;
        if (signIn == null) {
            ApplicationView applications = new ApplicationView();
            var deserializer = serdes.deserializer(Application.class);
            CompactedTopicView<Application> reader = CompactedTopicView.reading(Topics.APPLICATIONS.name(prefix),
                    consumerProps, deserializer, applications::apply);
            owned.add(reader);
            starters.add(reader::start);
            readers.add(reader);
            effectiveSignIn = ApplicationSignIn.of(applications);
        }
        Predicate<String> leads = channelId -> false;
        TokenRefreshLeadership leadership = null;
        if (settings.refresherEnabled() || settings.watchdogEnabled()) {
            // a replica that does no upkeep must not join the group, or it would hold partitions nobody looks after
            TokenRefreshLeadership group = new TokenRefreshLeadership(Topics.CHANNELS.name(prefix),
                    consumerProps, prefix + "igrelay-ingress-token-refresher");
            owned.add(0, group);
            starters.add(() -> {
                group.start();
                return CompletableFuture.completedFuture(null);
            });
            leads = group::owns;
            leadership = group;
        }
        starters.add(registry::start);
        OnboardingModule module = new OnboardingModule(vertx, new Parts(config.meta(), config.publicBaseUrl(),
                config.tokenCipher(), settings, effectiveSignIn, registry, publisher, clock, leads), config.limits());
        module.closeables.addAll(owned);
        module.starters.addAll(starters);
        module.readers.addAll(readers);
        module.leadership = leadership;
        return module;
    }

    public ChannelRegistryView registry() {
        return parts.registry();
    }

    /** Channels by status (contract §8: operators alert on channels needing re-authorisation). */
    public void bindMetrics(MeterRegistry metrics) {
        this.metrics = metrics;
        Gauge.builder("igrelay_dashboard_sessions", sessions, DashboardSessions::size)
                .description("Signed-in dashboard sessions held by this replica").register(metrics);
        Gauge.builder("igrelay_dashboard_sessions_max", () -> limits.maxSessions())
                .description("The bound on dashboard sessions (DASHBOARD_MAX_SESSIONS)").register(metrics);
        for (ChannelStatus status : ChannelStatus.values()) {
            Gauge.builder("igrelay_channels", parts.registry(),
                            r -> r.all().stream().filter(c -> c.getStatus() == status).count())
                    .tag("status", status.name()).description("Channels in ig.channels by status")
                    .register(metrics);
        }
    }

    public void mount(Router router) {
        boolean secure = "https".equalsIgnoreCase(parts.publicBaseUrl().getScheme());
        LoginCsrf loginCsrf = new LoginCsrf(parts.clock(), secure);
        SessionHandler sessionHandler = new SessionHandler(sessions, loginCsrf, secure);
        Pages pages = new Pages(vertx);
        router.route("/dashboard/static/*").handler(StaticHandler.create("static/dashboard"));
        router.routeWithRegex("^/(dashboard|onboarding)(/.*)?$").handler(sessionHandler::handle);
        router.postWithRegex("^/dashboard(/.*)?$").handler(sessionHandler::requireSessionUnlessSigningIn);
        router.postWithRegex("^/dashboard(/.*)?$").handler(BodyHandler.create(false).setBodyLimit(16 * 1024))
                .handler(sessionHandler::checkCsrf);
        FacebookLoginClient facebook = facebookClient();
        DashboardRoutes dashboard = new DashboardRoutes(vertx, pages, sessions, sessionHandler, parts.signIn(),
                parts.registry(), parts.publisher(), parts.clock(), parts.settings().foldTimeout(),
                new MetaUnsubscriber(instagram, facebook, parts.cipher()), loginCsrf,
                new SignInThrottle(limits.signInAttemptsPerMinute(), 10_000),
                new MessagingProfiles(new ChannelGraph(http, parts.meta(), parts.cipher())), parts.settings().fields());
        dashboard.mount(router);
        OAuthStates states = new OAuthStates(parts.clock(), parts.settings().stateTtl());
        ChannelConnector connector = new ChannelConnector(vertx, parts.registry(), parts.publisher(), parts.cipher(),
                parts.clock(), parts.settings().foldTimeout());
        SubscribedFields fields = parts.settings().fields();
        new InstagramFlow(instagram, states, connector, pages, fields).mount(router, dashboard::requireSignIn);
        new FacebookFlow(facebook, states, connector, pages, fields).mount(router, dashboard::requireSignIn);
    }

    /** The watchdog of this module, once started (tests drive its rounds). */
    public Optional<SubscriptionWatchdog> watchdog() {
        return Optional.ofNullable(watchdog);
    }

    private FacebookLoginClient facebookClient() {
        return new FacebookLoginClient(http, parts.meta(), parts.publicBaseUrl() + FacebookFlow.CALLBACK,
                parts.settings().facebookConfigId());
    }

    /**
     * Reports its views, the upkeep's leadership and the upkeep loops (token refresher, subscription watchdog) into
     * the ingress's health (before start; each part registers when it starts).
     */
    public OnboardingModule reportInto(HealthMonitor monitor) {
        this.health = monitor;
        parts.registry().reportInto(monitor);
        readers.forEach(reader -> reader.reportInto(monitor));
        if (leadership != null) {
            leadership.reportInto(monitor);
        }
        return this;
    }

    /** True once its views (ig.channels, and hub.applications if it reads it) were read. */
    public boolean viewsLoaded() {
        return views.stream().allMatch(v -> v.isDone() && !v.isCompletedExceptionally());
    }

    /**
     * Starts following the views (no thread waits for the broker) and, once they are read, the upkeep (refresher,
     * watchdog); completes when the pages can answer.
     */
    public Future<Void> start() {
        starters.forEach(starter -> views.add(starter.get()));
        return Future.fromCompletionStage(CompletableFuture.allOf(views.toArray(CompletableFuture[]::new)),
                vertx.getOrCreateContext()).map(v -> {
            sweepTimer = vertx.setPeriodic(60_000, id -> sessions.sweep());
            if (parts.settings().refresherEnabled() && instagram.configured()) {
                refresher = new TokenRefresher(vertx, parts.registry(), instagram, parts.publisher(), parts.cipher(),
                        new RefreshPolicy(parts.settings().refreshMargin()), parts.clock(), parts.refreshOwnership());
                refresher.start(parts.settings().refreshInterval(), health);
            }
            if (parts.settings().watchdogEnabled()) {
                watchdog = new SubscriptionWatchdog(vertx, parts.registry(), new SubscriptionReader(instagram,
                        facebookClient(), parts.settings().fields()), parts.publisher(), parts.cipher(),
                        parts.clock(), parts.refreshOwnership(), metrics);
                watchdog.start(parts.settings().watchdogInterval(), health);
            }
            return null;
        });
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.close();
        }
        if (watchdog != null) {
            watchdog.close();
        }
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
        }
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }
}
