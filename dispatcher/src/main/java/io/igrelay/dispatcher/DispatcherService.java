package io.igrelay.dispatcher;

import io.igrelay.dispatcher.ops.DispatcherOpsRoutes;
import io.igrelay.dispatcher.send.SendService;
import io.igrelay.dispatcher.webhooks.WebhookDeliveryModule;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.ops.KafkaHealth;
import io.igrelay.schemas.ops.Startup;
import io.igrelay.schemas.topics.Topics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the dispatcher: topics, readiness and metrics on the management port. The Send API and Application-webhook
 * consumers plug in here; closing drains them before Kafka clients are released.
 */
public final class DispatcherService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DispatcherService.class);

    private final DispatcherConfig config;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private Admin admin;
    private KafkaHealth kafkaHealth;
    private Vertx vertx;
    private HttpServer server;
    private SendService send;
    private WebhookDeliveryModule webhooks;

    public DispatcherService(DispatcherConfig config) {
        this.config = config;
    }

    public DispatcherService start() {
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        admin = Admin.create(config.kafka().admin("igrelay-dispatcher-admin"));
        kafkaHealth = new KafkaHealth(admin, Duration.ofSeconds(2), Clock.systemUTC());
        Startup.awaitKafkaAndProvision(admin, kafkaHealth, config.kafka(), Topics.ALL, Duration.ofSeconds(60));
        kafkaHealth.start();
        send = new SendService(config, metrics, Clock.systemUTC()).start();
        webhooks = new WebhookDeliveryModule(config.webhooks(), config.kafka(),
                AvroSerdes.fromUrl(config.kafka().schemaRegistryUrl(), config.kafka().schemaRegistryBasicAuth()),
                config.tokenCipher(), metrics, Clock.systemUTC()).start();

        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new DispatcherOpsRoutes(kafkaHealth, metrics,
                () -> (send != null && send.failed()) || (webhooks != null && webhooks.failed())).mount(router);
        try {
            server = vertx.createHttpServer().requestHandler(router).listen(config.port()).await();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen on port " + config.port() + ": " + e.getMessage(), e);
        }
        LOG.info("dispatcher listening on {}", server.actualPort());
        return this;
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        LOG.info("dispatcher stopping");
        if (webhooks != null) {
            webhooks.close();
        }
        if (send != null) {
            send.close();
        }
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
        LOG.info("dispatcher stopped");
    }
}
