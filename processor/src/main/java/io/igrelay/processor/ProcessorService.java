package io.igrelay.processor;

import io.igrelay.processor.ops.ProcessorOpsRoutes;
import io.igrelay.processor.query.InteractiveQueryRoutes;
import io.igrelay.processor.windows.WindowMath;
import io.igrelay.schemas.ops.KafkaHealth;
import io.igrelay.schemas.ops.Startup;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.Topics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the processor: topics, the Kafka Streams application (exactly_once_v2) and its HTTP port for health,
 * metrics and interactive queries. Closing stops HTTP first, then Streams (which commits and flushes its stores).
 */
public final class ProcessorService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorService.class);

    private final ProcessorConfig config;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ProcessorCounters counters = new ProcessorCounters();
    private Admin admin;
    private KafkaHealth kafkaHealth;
    private KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;
    private Vertx vertx;
    private HttpServer server;

    public ProcessorService(ProcessorConfig config) {
        this.config = config;
    }

    /** Blocks until topics exist, Streams has started and the HTTP port listens (readiness comes later). */
    public ProcessorService start() {
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        admin = Admin.create(config.kafka().admin(config.applicationId() + "-admin"));
        kafkaHealth = new KafkaHealth(admin, Duration.ofSeconds(2), Clock.systemUTC());
        Startup.awaitKafkaAndProvision(admin, kafkaHealth, config.kafka(), Topics.ALL, Duration.ofSeconds(60));
        kafkaHealth.start();

        AvroSerdes serdes = AvroSerdes.fromUrl(config.kafka().schemaRegistryUrl(),
                config.kafka().schemaRegistryBasicAuth());
        Topology topology = ProcessorTopology.build(config.kafka().topics(), serdes, config.topology(), counters);
        streams = new KafkaStreams(topology, StreamsSettings.from(config));
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Stream thread died; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((next, previous) -> LOG.info("Streams state {} -> {}", previous, next));
        ProcessorMetrics.bind(metrics, counters);
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(metrics);
        streams.start();

        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new ProcessorOpsRoutes(kafkaHealth, streams::state, metrics).mount(router);
        HostInfo self = new HostInfo(config.advertisedUrl().getHost(), config.advertisedUrl().getPort());
        new InteractiveQueryRoutes(streams, self, WebClient.create(vertx),
                new WindowMath(config.topology().windowRules()), Clock.systemUTC()).mount(router);
        server = listen(vertx.createHttpServer().requestHandler(router).listen(config.port()), config.port());
        LOG.info("processor {} listening on {}", config.applicationId(), server.actualPort());
        return this;
    }

    public int port() {
        return server.actualPort();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        LOG.info("processor stopping");
        if (vertx != null) {
            vertx.close().await();
        }
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        if (kafkaHealth != null) {
            kafkaHealth.close();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        metrics.close();
        LOG.info("processor stopped");
    }

    private static HttpServer listen(Future<HttpServer> listening, int port) {
        try {
            return listening.await();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen on port " + port + ": " + e.getMessage(), e);
        }
    }
}
