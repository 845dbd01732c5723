package io.igrelay.ingress;

import io.igrelay.ingress.api.ApiKeyAuthHandler;
import io.igrelay.ingress.api.ApiModule;
import io.igrelay.ingress.api.ViewsGate;
import io.igrelay.ingress.apps.AuthenticatedApplication;
import io.igrelay.ingress.appwebhooks.ApplicationAuthenticator;
import io.igrelay.ingress.appwebhooks.WebhookModule;
import io.igrelay.ingress.channels.ChannelRegistryView;
import io.igrelay.ingress.config.IngressConfig;
import io.igrelay.ingress.dashboard.ApplicationSignIn;
import io.igrelay.ingress.deletion.MetaCallbacks;
import io.igrelay.ingress.edge.IngressPorts;
import io.igrelay.ingress.meta.intake.WebhookIntake;
import io.igrelay.ingress.onboarding.OnboardingModule;
import io.igrelay.ingress.ops.EventLoopGuard;
import io.igrelay.ingress.ops.GuardedRegistryClient;
import io.igrelay.ingress.ops.OpsRoutes;
import io.igrelay.ingress.ops.StartupSteps;
import io.igrelay.schemas.failure.FailureClassifier;
import io.igrelay.schemas.net.HubEndpoints;
import io.igrelay.schemas.ops.HealthMonitor;
import io.igrelay.schemas.ops.KafkaHealth;
import io.igrelay.schemas.ops.Probe;
import io.igrelay.schemas.registry.SchemaRegistryClients;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.TopicProvisioner;
import io.igrelay.schemas.topics.Topics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingress's one composition root: builds every module in dependency order ({@link #buildModules}), then wires
 * the public router (port 8080: Meta webhooks, hub API, dashboard), the management router (port
 * 8083: health and metrics), and the start-up steps that need Kafka and the registry. Starting returns once both
 * ports listen, whether or not Kafka and the registry answer; closing stops accepting, then releases Kafka clients.
 */
public final class IngressService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngressService.class);

    private final IngressConfig config;
    private final Clock clock;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private Vertx vertx;
    private Admin admin;
    private KafkaHealth kafkaHealth;
    private IngressPorts ports;
    private WebhookIntake webhooks;
    private MetaCallbacks callbacks;
    private OnboardingModule onboarding;
    private ApiModule api;
    private WebhookModule hooks;
    private StartupSteps startup;
    private ViewsGate views;
    private ViewsGate metaViews;
    /** How long {@link #start()} waits for Kafka, the registry and the views before it returns anyway. */
    static final Duration START_WAIT = Duration.ofSeconds(20);
    private final HealthMonitor health = HealthMonitor.standard(Clock.systemUTC());

    public IngressService(IngressConfig config) {
        this(config, Clock.systemUTC());
    }

    /** With an injected clock (tests check signed_request ages against it). */
    public IngressService(IngressConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /**
     * {@link #startListening()}, then waits (at most {@link #START_WAIT}) for the start-up steps, the views and the
     * intake going direct, so that with Kafka and the registry up the first request already goes straight to Kafka
     * and finds every view read; with either away it
     * returns after the bound, the ports listening all along.
     */
    public IngressService start() {
        startListening();
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (!(startup.done().isDone() && views.missing().isEmpty() && metaViews.missing().isEmpty()
                && webhooks.direct()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!startup.done().isDone()) {
            LOG.warn("ingress serving before Kafka and the schema registry answered; Meta's deliveries are spooled "
                    + "until they do (see /health/ready)");
        }
        return this;
    }

    /**
     * Returns once both ports listen; needs neither Kafka nor the schema registry. What needs them (topics, schema
     * ids, views, producer metadata) runs in {@link StartupSteps} behind: until it is done deliveries are spooled,
     * readiness is DEGRADED naming what is missing, and requests that need a view answer 503.
     */
    public IngressService startListening() {
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        EventLoopGuard.process().bindTo(metrics);
        admin = Admin.create(config.kafka().admin("igrelay-ingress-admin"));
        kafkaHealth = new KafkaHealth(admin, Duration.ofSeconds(2), Clock.systemUTC()).start();

        AvroSerdes serdes = new AvroSerdes(new GuardedRegistryClient(SchemaRegistryClients.fromUrl(
                config.kafka().schemaRegistryUrl(), config.kafka().schemaRegistryBasicAuth()),
                EventLoopGuard.process()));
        webhooks = new WebhookIntake(config, serdes, metrics, kafkaHealth::check, clock, health);
        Probe startupProbe = health.register("start-up");
        vertx = Vertx.vertx();
        buildModules(serdes);
        startup = new StartupSteps(startupProbe)
                .then("kafka", this::provision)
                .then("kafka", this::followViews)
                .then("schema-registry", () -> {
                    webhooks.registerSchema();
                    api.warmUp();
                    callbacks.warmUp();
                })
                .then("applications view", this::ensureDevApplication);
        OpsRoutes ops = new OpsRoutes(kafkaHealth, metrics, health).detail("spool", webhooks::health)
                .readyWithoutKafkaWhile("webhook intake through the spool",
                        () -> webhooks.spoolAccepting() && startup.done().isDone());
        callbacks.reportInto(health);
        views = new ViewsGate().view("applications", api::viewsLoaded)
                .view("channels", onboarding::viewsLoaded).view("webhooks", hooks::viewsLoaded);
        metaViews = new ViewsGate().view("channels", onboarding::viewsLoaded).view("deletions", callbacks::ready);
        Router publicRouter = Router.router(vertx);
        ops.mountHealth(publicRouter);
        webhooks.routes().mount(publicRouter);
        publicRouter.route("/v1/*").handler(views);
        publicRouter.routeWithRegex("^/(dashboard|onboarding)(/.*)?$").handler(views);
        publicRouter.route("/meta/*").handler(metaViews);
        callbacks.routes().mount(publicRouter);
        onboarding.mount(publicRouter);
        api.mountRoutes(publicRouter, List.of(hooks::attach)).await(); // one /v1 router serves every operation
        Router managementRouter = Router.router(vertx);
        ops.mountHealth(managementRouter);
        ops.mountMetrics(managementRouter);
        api.mountAdmin(managementRouter);
        callbacks.mountAdmin(managementRouter); // after the /admin/* guard mounted just above

        ports = IngressPorts.listen(vertx, new IngressPorts.Ports(config.port(), config.managementPort(),
                config.limits()), webhooks.routes().interceptor(publicRouter), managementRouter, metrics);
        LOG.info("ingress listening on {} (public) and {} (management)", ports.publicPort(), ports.managementPort());
        startup.begin();
        return this;
    }

    /** Completes once every start-up step is done (tests wait on it; the service never does). */
    public CompletableFuture<Void> started() {
        return startup.done();
    }

    /** Kafka answers: the catalogue's topics and the webhook topics are checked, the intake may go direct. */
    private void provision() {
        if (!kafkaHealth.check()) {
            throw new StartupSteps.Away("Kafka at " + config.kafka().bootstrapServers() + " does not answer: "
                    + kafkaHealth.lastError().orElse("unknown error"));
        }
        try {
            new TopicProvisioner(admin, config.kafka().topics()).ensure(Topics.ALL);
            hooks.ensureTopics();
            webhooks.kafkaReady();
        } catch (RuntimeException e) {
            if (!kafkaHealth.check()) { // e.g. the broker went away mid-way ("all brokers are fenced")
                throw new StartupSteps.Away("Kafka went away while the topics were checked: "
                        + FailureClassifier.describe(e));
            }
            throw e;
        }
    }

    /** Starts every view after the topics exist (a follower never makes a topic by asking for it). */
    private void followViews() {
        onboarding.start().onFailure(e -> LOG.error("onboarding did not start: {}", e.toString()));
        api.startViews();
        hooks.startViews();
        callbacks.startViews();
    }

    private void ensureDevApplication() throws Exception {
        if (!api.viewsLoaded()) {
            throw new StartupSteps.Away("hub.applications is still being read");
        }
        api.ensureDevApplication().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /**
     * Builds the hub's modules once, each after what it is handed (no module is handed one that does not exist yet):
     * the channel registry view of ig.channels, which the dashboard, /v1/channels and the Meta callbacks
     * read (the onboarding starts and closes it); the hub API over it; the onboarding and dashboard, signing in with
     * the API's view of the keys; the Application webhooks, checking keys with the API's check; the Meta callbacks.
     * Each reports its views into the ingress's health; none starts here (the start-up steps do, once the topics exist).
     */
    private void buildModules(AvroSerdes serdes) {
        ChannelRegistryView channels = OnboardingModule.channelRegistry(config, serdes);
        api = new ApiModule(vertx, config, config.api(), serdes, channels);
        onboarding = OnboardingModule.forKafka(vertx, config, config.onboarding(), serdes, channels,
                ApplicationSignIn.of(api.applications()), clock);
        hooks = new WebhookModule(vertx, config.kafka(), serdes, config.tokenCipher(),
                ApplicationAuthenticator.of(api.authenticator()::handle, ctx -> Optional
                        .ofNullable(ApiKeyAuthHandler.caller(ctx)).map(AuthenticatedApplication::applicationId)),
                clock, config.webhookStore().folder("ingress"),
                HubEndpoints.defaults().withPorts(config.port(), config.managementPort(),
                        config.processorUrl().getPort()).withPublicBaseUrl(config.publicBaseUrl()));
        onboarding.bindMetrics(metrics);
        api.bindMetrics(metrics);
        onboarding.reportInto(health);
        api.reportInto(health);
        hooks.reportInto(health);
        callbacks = new MetaCallbacks(config, serdes, webhooks.producer(), channels, metrics, clock);
    }

    public int port() {
        return ports.publicPort();
    }

    public int managementPort() {
        return ports.managementPort();
    }

    @Override
    public void close() {
        LOG.info("ingress stopping");
        if (startup != null) {
            startup.close();
        }
        if (vertx != null) {
            vertx.close().await();
        }
        for (AutoCloseable module : new AutoCloseable[] {hooks, api, onboarding}) {
            closeQuietly(module);
        }
        if (callbacks != null) {
            callbacks.close();
        }
        if (webhooks != null) {
            webhooks.close();
        }
        if (kafkaHealth != null) {
            kafkaHealth.close();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        metrics.close();
        LOG.info("ingress stopped");
    }

    private static void closeQuietly(AutoCloseable module) {
        if (module == null) {
            return;
        }
        try {
            module.close();
        } catch (Exception e) {
            LOG.warn("{} did not close cleanly: {}", module.getClass().getSimpleName(), e.toString());
        }
    }
}
