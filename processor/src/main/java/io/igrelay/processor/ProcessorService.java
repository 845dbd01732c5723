package io.igrelay.processor;

import io.igrelay.avro.DeadLetter;
import io.igrelay.processor.failure.FailureParts;
import io.igrelay.processor.failure.RefusalAwareClientSupplier;
import io.igrelay.processor.ops.ProcessorOpsRoutes;
import io.igrelay.processor.ops.StreamsHealth;
import io.igrelay.processor.query.InteractiveQueryRoutes;
import io.igrelay.processor.windows.WindowMath;
import io.igrelay.schemas.ops.HealthMonitor;
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
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the processor: topics, the Kafka Streams application (exactly_once_v2) under the failure policy, and its
 * HTTP port for health, metrics and interactive queries. The port listens before Streams starts, because starting
 * can wait (the global stores hold start-up while the schema registry is away) and health must say so meanwhile.
 * Closing stops HTTP first, then releases waiters and stops Streams (which commits and flushes its stores).
 */
public final class ProcessorService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorService.class);
    private static final Duration HEALTH_TICK = Duration.ofSeconds(2);

    private final ProcessorConfig config;
    private final Clock clock = Clock.systemUTC();
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ProcessorCounters counters = new ProcessorCounters();
    private final HealthMonitor health = HealthMonitor.standard(clock);
    private final ScheduledExecutorService background = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "processor-background");
        thread.setDaemon(true);
        return thread;
    });
    private Admin admin;
    private KafkaHealth kafkaHealth;
    private FailureParts failures;
    private KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;
    private Vertx vertx;
    private HttpServer server;

    public ProcessorService(ProcessorConfig config) {
        this.config = config;
    }

    /** Returns once topics exist and the HTTP port listens; Streams starts in the background (see {@link #state}). */
    public ProcessorService start() {
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        admin = Admin.create(config.kafka().admin(config.applicationId() + "-admin"));
        kafkaHealth = new KafkaHealth(admin, Duration.ofSeconds(2), clock);
        Startup.awaitKafkaAndProvision(admin, kafkaHealth, config.kafka(), Topics.ALL, Duration.ofSeconds(60));
        kafkaHealth.start();

        AvroSerdes serdes = AvroSerdes.fromUrl(config.kafka().schemaRegistryUrl(),
                config.kafka().schemaRegistryBasicAuth());
        failures = FailureParts.create(serdes.registry(), health.register("schema-registry"),
                config.kafka().producer(config.applicationId() + "-dead-letters"),
                serdes.forType(DeadLetter.class).serializer(), config.kafka().topics().name(Topics.OUTBOUND_DLQ),
                clock);
        Topology topology = ProcessorTopology.build(config.kafka().topics(), serdes, config.topology(), counters,
                failures.globalGuard());
        streams = new KafkaStreams(topology, StreamsSettings.from(config, failures.failures()),
                new RefusalAwareClientSupplier(failures.failures().refusals()));
        streams.setUncaughtExceptionHandler(failures.threadRecovery());
        streams.setStateListener((next, previous) -> LOG.info("Streams state {} -> {}", previous, next));
        failures.registryGate().attach(new StreamsPause(streams));
        StreamsHealth streamsHealth = new StreamsHealth(streams::state, streams::metrics, failures.threadRecovery(),
                failures.registryGate(), StreamsHealth.kafkaError(kafkaHealth), health.register("streams"),
                health.register("kafka"), clock);
        ProcessorMetrics.bind(metrics, counters);
        ProcessorMetrics.bindFailures(metrics, failures, streamsHealth::lag);
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(metrics);

        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new ProcessorOpsRoutes(health, streams::state, metrics).mount(router);
        HostInfo self = new HostInfo(config.advertisedUrl().getHost(), config.advertisedUrl().getPort());
        new InteractiveQueryRoutes(streams, self, WebClient.create(vertx),
                new WindowMath(config.topology().windowRules()), clock).mount(router);
        // HTTP/1.1 only: a JDK client's h2c upgrade on a large /metrics answer was seen to garble the response
        HttpServerOptions http = new HttpServerOptions().setHttp2ClearTextEnabled(false);
        server = listen(vertx.createHttpServer(http).requestHandler(router).listen(config.port()), config.port());
        LOG.info("processor {} listening on {}", config.applicationId(), server.actualPort());

        background.scheduleWithFixedDelay(() -> tick(streamsHealth), 0, HEALTH_TICK.toMillis(),
                TimeUnit.MILLISECONDS);
        background.execute(this::startStreams);
        return this;
    }

    /** A failed look is logged and the next one comes: a scheduler stops repeating a task that throws. */
    private static void tick(StreamsHealth streamsHealth) {
        try {
            streamsHealth.tick();
        } catch (RuntimeException e) {
            LOG.warn("Health check of the stream threads failed: {}", e.toString());
        }
    }

    /** KafkaStreams#start blocks until the global stores are restored, which waits for the registry if it is away. */
    private void startStreams() {
        try {
            streams.start();
        } catch (RuntimeException e) {
            LOG.error("Kafka Streams did not start: {}", e.toString());
        }
    }

    public int port() {
        return server.actualPort();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Readiness and liveness as the health endpoints report them. */
    public HealthMonitor.Report health() {
        return health.report();
    }

    @Override
    public void close() {
        LOG.info("processor stopping");
        if (vertx != null) {
            vertx.close().await();
        }
        if (failures != null) {
            failures.registryGate().close(); // a global thread waiting for the registry lets go
        }
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
        }
        background.shutdownNow();
        if (failures != null) {
            failures.close();
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
