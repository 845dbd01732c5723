package io.igrelay.ingress;

import io.igrelay.ingress.api.ApiErrorHandler;
import io.igrelay.ingress.api.ApiKeyAuthHandler;
import io.igrelay.ingress.api.ApiModule;
import io.igrelay.ingress.apps.AuthenticatedApplication;
import io.igrelay.ingress.deletion.MetaCallbacks;
import io.igrelay.ingress.hooks.ApplicationAuthenticator;
import io.igrelay.ingress.hooks.WebhookModule;
import io.igrelay.ingress.onboarding.OnboardingModule;
import io.igrelay.ingress.ops.OpsRoutes;
import io.igrelay.ingress.webhook.WebhookIntake;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.ops.KafkaHealth;
import io.igrelay.schemas.ops.Startup;
import io.igrelay.schemas.topics.Topics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the ingress: Kafka readiness and topics, the public router (port 8080: Meta webhooks, hub API, dashboard)
 * and the management router (port 8083: health and metrics). Starting returns once both ports listen; closing
 * stops accepting, then releases Kafka clients.
 */
public final class IngressService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngressService.class);

    private final IngressConfig config;
    private final Clock clock;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private Vertx vertx;
    private Admin admin;
    private KafkaHealth kafkaHealth;
    private HttpServer publicServer;
    private HttpServer managementServer;
    private WebhookIntake webhooks;
    private MetaCallbacks callbacks;
    private OnboardingModule onboarding;
    private ApiModule api;
    private WebhookModule hooks;

    public IngressService(IngressConfig config) {
        this(config, Clock.systemUTC());
    }

    /** With an injected clock (tests check signed_request ages against it). */
    public IngressService(IngressConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Blocks until Kafka answered, topics exist and both ports listen. */
    public IngressService start() {
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        admin = Admin.create(config.kafka().admin("igrelay-ingress-admin"));
        kafkaHealth = new KafkaHealth(admin, Duration.ofSeconds(2), Clock.systemUTC());
        Startup.awaitKafkaAndProvision(admin, kafkaHealth, config.kafka(), Topics.ALL, Duration.ofSeconds(60));
        kafkaHealth.start();

        AvroSerdes serdes = AvroSerdes.fromUrl(config.kafka().schemaRegistryUrl(),
                config.kafka().schemaRegistryBasicAuth());
        webhooks = new WebhookIntake(config, serdes, metrics, kafkaHealth::check, clock);
        vertx = Vertx.vertx();
        startHubModules(serdes);
        callbacks = new MetaCallbacks(config, serdes, webhooks.producer(), onboarding.registry(), metrics, clock);
        OpsRoutes ops = new OpsRoutes(kafkaHealth, metrics).detail("spool", webhooks::health)
                .readyWithoutKafkaWhile("webhook intake through the spool", webhooks::spoolAccepting);
        Router publicRouter = Router.router(vertx);
        ops.mountHealth(publicRouter);
        webhooks.routes().mount(publicRouter);
        callbacks.routes().mount(publicRouter);
        onboarding.mount(publicRouter);
        hooks.mount(publicRouter); // before the hub API, whose /v1 router answers 404 for paths it does not know
        api.mount(publicRouter).await();
        Router managementRouter = Router.router(vertx);
        ops.mountHealth(managementRouter);
        ops.mountMetrics(managementRouter);
        api.mountAdmin(managementRouter);

        var publicHandler = webhooks.routes().interceptor(publicRouter);
        publicServer = listen(vertx.createHttpServer(publicServerOptions()).requestHandler(publicHandler)
                .listen(config.port()), config.port());
        managementServer = listen(vertx.createHttpServer().requestHandler(managementRouter)
                .listen(config.managementPort()), config.managementPort());
        LOG.info("ingress listening on {} (public) and {} (management)", publicServer.actualPort(),
                managementServer.actualPort());
        return this;
    }

    /**
     * The Application-facing modules share one channel registry (the dashboard, /v1/channels and the Meta callbacks
     * read the same view)
     * and one API-key check (the hub API, the webhook registrations and the dashboard sign-in).
     */
    private void startHubModules(AvroSerdes serdes) {
        onboarding = OnboardingModule.forKafka(vertx, config, config.onboarding(), serdes,
                (key, now) -> api.applications().authenticate(key, now), clock);
        api = new ApiModule(vertx, config, config.api(), serdes, onboarding.registry());
        hooks = new WebhookModule(vertx, config.kafka(), serdes, config.tokenCipher(),
                ApplicationAuthenticator.of(api.authenticator()::handle, ctx -> Optional
                        .ofNullable(ApiKeyAuthHandler.caller(ctx)).map(AuthenticatedApplication::applicationId)),
                new ApiErrorHandler()::handle, clock);
        onboarding.bindMetrics(metrics);
        onboarding.start().await();
        hooks.start().await();
    }

    /**
     * Plain HTTP/1.1, without the WebSocket-compression and cleartext-HTTP/2 detection stages in every
     * connection's pipeline: nothing on the public port is a WebSocket or needs h2c (clients asking for an h2c
     * upgrade are answered in HTTP/1.1), and Meta's deliveries would pass through those stages on every request.
     */
    static HttpServerOptions publicServerOptions() {
        return new HttpServerOptions()
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                .setHttp2ClearTextEnabled(false);
    }

    public int port() {
        return publicServer.actualPort();
    }

    public int managementPort() {
        return managementServer.actualPort();
    }

    @Override
    public void close() {
        LOG.info("ingress stopping");
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

    private static HttpServer listen(Future<HttpServer> listening, int port) {
        try {
            return listening.await();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen on port " + port + ": " + e.getMessage(), e);
        }
    }
}
