package io.igrelay.ingress.onboarding;

import io.igrelay.ingress.registry.ChannelRegistryView;
import io.igrelay.avro.Application;
import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.ChannelStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.igrelay.ingress.IngressConfig;
import io.igrelay.ingress.apps.ApplicationView;
import io.igrelay.ingress.apps.CompactedTopicReader;
import io.igrelay.ingress.dashboard.ApplicationSignIn;
import io.igrelay.ingress.dashboard.DashboardRoutes;
import io.igrelay.ingress.dashboard.DashboardSessions;
import io.igrelay.ingress.dashboard.Pages;
import io.igrelay.ingress.dashboard.SessionHandler;
import io.igrelay.ingress.tokens.RefreshPolicy;
import io.igrelay.ingress.tokens.TokenRefreshLeadership;
import io.igrelay.ingress.tokens.TokenRefresher;
import io.igrelay.schemas.config.MetaSettings;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.Topics;
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
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The onboarding and dashboard as one piece the ingress mounts (issue 7): the registry view of ig.channels, the
 * session store, both OAuth flows, the dashboard pages and the token refresher. {@link #mount} adds the routes,
 * {@link #start} reads the views and starts the upkeep, {@link #close} stops everything it started.
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
    private final WebClient http;
    private final InstagramLoginClient instagram;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<Runnable> starters = new ArrayList<>();
    private TokenRefresher refresher;
    private long sweepTimer = -1;

    public OnboardingModule(Vertx vertx, Parts parts) {
        this.vertx = vertx;
        this.parts = parts;
        this.sessions = new DashboardSessions(parts.clock(), parts.settings().sessionTtl());
        this.http = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5000)
                .setIdleTimeout(30).setFollowRedirects(false));
        this.instagram = new InstagramLoginClient(http, parts.meta(),
                parts.publicBaseUrl() + InstagramFlow.CALLBACK);
    }

    /**
     * The module over Kafka: its own ig.channels view and ig.channel.events producer; {@code signIn} null = read
     * hub.applications here too. Pass {@link #registry()} to the hub API so both read the same view.
     */
    public static OnboardingModule forKafka(Vertx vertx, IngressConfig config, OnboardingSettings settings,
                                            AvroSerdes serdes, ApplicationSignIn signIn, Clock clock) {
        String prefix = config.kafka().topics().prefix();
        Properties consumerProps = config.kafka().consumer("igrelay-ingress-onboarding", "unused");
        ChannelRegistryView registry = new ChannelRegistryView(Topics.CHANNELS.name(prefix), consumerProps,
                serdes.deserializer(Channel.class));
        KafkaChannelEventPublisher publisher = new KafkaChannelEventPublisher(
                config.kafka().producer("igrelay-ingress-onboarding"), serdes.<ChannelEvent>serializer(),
                Topics.CHANNEL_EVENTS.name(prefix));
        List<AutoCloseable> owned = new ArrayList<>(List.of(publisher, registry));
        List<Runnable> starters = new ArrayList<>();
        ApplicationSignIn effectiveSignIn = signIn;
        if (signIn == null) {
            ApplicationView applications = new ApplicationView();
            var deserializer = serdes.deserializer(Application.class);
            CompactedTopicReader<Application> reader = new CompactedTopicReader<>(Topics.APPLICATIONS.name(prefix),
                    consumerProps, deserializer::deserialize, applications::apply);
            owned.add(reader);
            starters.add(() -> join(reader.start()));
            effectiveSignIn = applications::authenticate;
        }
        Predicate<String> leads = channelId -> false;
        if (settings.refresherEnabled()) {
            // a replica that does not refresh must not join the group, or it would hold partitions nobody renews
            TokenRefreshLeadership leadership = new TokenRefreshLeadership(Topics.CHANNELS.name(prefix),
                    consumerProps, prefix + "igrelay-ingress-token-refresher");
            owned.add(0, leadership);
            starters.add(leadership::start);
            leads = leadership::owns;
        }
        starters.add(() -> join(registry.start()));
        OnboardingModule module = new OnboardingModule(vertx, new Parts(config.meta(), config.publicBaseUrl(),
                config.tokenCipher(), settings, effectiveSignIn, registry, publisher, clock, leads));
        module.closeables.addAll(owned);
        module.starters.addAll(starters);
        return module;
    }

    public ChannelRegistryView registry() {
        return parts.registry();
    }

    /** Channels by status (SPEC 8: operators alert on channels needing re-authorisation). */
    public void bindMetrics(MeterRegistry metrics) {
        for (ChannelStatus status : ChannelStatus.values()) {
            Gauge.builder("igrelay_channels", parts.registry(),
                            r -> r.all().stream().filter(c -> c.getStatus() == status).count())
                    .tag("status", status.name()).description("Channels in ig.channels by status")
                    .register(metrics);
        }
    }

    public void mount(Router router) {
        SessionHandler sessionHandler = new SessionHandler(sessions,
                "https".equalsIgnoreCase(parts.publicBaseUrl().getScheme()));
        Pages pages = new Pages(vertx);
        router.route("/dashboard/static/*").handler(StaticHandler.create("static/dashboard"));
        router.routeWithRegex("^/(dashboard|onboarding)(/.*)?$").handler(sessionHandler::handle);
        router.postWithRegex("^/dashboard(/.*)?$").handler(BodyHandler.create().setBodyLimit(16 * 1024))
                .handler(SessionHandler::checkCsrf);
        FacebookLoginClient facebook = new FacebookLoginClient(http, parts.meta(),
                parts.publicBaseUrl() + FacebookFlow.CALLBACK);
        DashboardRoutes dashboard = new DashboardRoutes(vertx, pages, sessions, sessionHandler, parts.signIn(),
                parts.registry(), parts.publisher(), parts.clock(), parts.settings().foldTimeout(),
                new MetaUnsubscriber(instagram, facebook, parts.cipher()));
        dashboard.mount(router);
        OAuthStates states = new OAuthStates(parts.clock(), parts.settings().stateTtl());
        ChannelConnector connector = new ChannelConnector(vertx, parts.registry(), parts.publisher(), parts.cipher(),
                parts.clock(), parts.settings().foldTimeout());
        String fields = parts.settings().subscribedFieldsParam();
        new InstagramFlow(instagram, states, connector, pages, fields).mount(router, dashboard::requireSignIn);
        new FacebookFlow(facebook, states, connector, pages, fields).mount(router, dashboard::requireSignIn);
    }

    /** Reads the views (blocking, off the event loop) and starts the refresher; completes when the pages can answer. */
    public Future<Void> start() {
        return vertx.executeBlocking(() -> {
            starters.forEach(Runnable::run);
            return null;
        }).map(v -> {
            sweepTimer = vertx.setPeriodic(60_000, id -> sessions.sweep());
            if (parts.settings().refresherEnabled() && instagram.configured()) {
                refresher = new TokenRefresher(vertx, parts.registry(), instagram, parts.publisher(), parts.cipher(),
                        new RefreshPolicy(parts.settings().refreshMargin()), parts.clock(), parts.refreshOwnership());
                refresher.start(parts.settings().refreshInterval());
            }
            return null;
        });
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.close();
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

    private static void join(java.util.concurrent.CompletableFuture<Void> caughtUp) {
        try {
            caughtUp.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("onboarding views did not catch up: " + e, e);
        }
    }
}
