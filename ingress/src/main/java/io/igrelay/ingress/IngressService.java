package io.igrelay.ingress;

import io.igrelay.ingress.ops.OpsRoutes;
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
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
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
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private Vertx vertx;
    private Admin admin;
    private KafkaHealth kafkaHealth;
    private HttpServer publicServer;
    private HttpServer managementServer;

    public IngressService(IngressConfig config) {
        this.config = config;
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

        vertx = Vertx.vertx();
        OpsRoutes ops = new OpsRoutes(kafkaHealth, metrics);
        Router publicRouter = Router.router(vertx);
        ops.mountHealth(publicRouter);
        Router managementRouter = Router.router(vertx);
        ops.mountHealth(managementRouter);
        ops.mountMetrics(managementRouter);

        publicServer = listen(vertx.createHttpServer().requestHandler(publicRouter).listen(config.port()),
                config.port());
        managementServer = listen(vertx.createHttpServer().requestHandler(managementRouter)
                .listen(config.managementPort()), config.managementPort());
        LOG.info("ingress listening on {} (public) and {} (management)", publicServer.actualPort(),
                managementServer.actualPort());
        return this;
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
        if (kafkaHealth != null) {
            kafkaHealth.close();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        metrics.close();
        LOG.info("ingress stopped");
    }

    private static HttpServer listen(Future<HttpServer> listening, int port) {
        try {
            return listening.await();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen on port " + port + ": " + e.getMessage(), e);
        }
    }
}
