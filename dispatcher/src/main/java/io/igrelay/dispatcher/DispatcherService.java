package io.igrelay.dispatcher;

import io.igrelay.avro.Channel;
import io.igrelay.dispatcher.failure.DeadLetterProducer;
import io.igrelay.dispatcher.ops.DispatcherOpsRoutes;
import io.igrelay.dispatcher.ops.GroupLag;
import io.igrelay.dispatcher.send.SendService;
import io.igrelay.dispatcher.state.ChannelView;
import io.igrelay.dispatcher.webhooks.WebhookDeliveryModule;
import io.igrelay.schemas.consume.TopicFollower;
import io.igrelay.schemas.failure.FailurePolicy;
import io.igrelay.schemas.ops.HealthMonitor;
import io.igrelay.schemas.ops.KafkaHealth;
import io.igrelay.schemas.ops.Startup;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.HubWebhookTopics;
import io.igrelay.schemas.topics.TopicLayout;
import io.igrelay.schemas.topics.Topics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the dispatcher (the composition root): topics, the one view of ig.channels the Send API path and the webhook
 * router share, the two modules, health (every part reports into one HealthMonitor), consumer lag and metrics on the
 * management port. The port listens before the modules start, so health answers while a dependency is away; closing
 * drains the modules before Kafka clients are released.
 */
public final class DispatcherService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DispatcherService.class);
    private static final Duration START_WAIT = Duration.ofSeconds(60);

    private final DispatcherConfig config;
    private final Clock clock = Clock.systemUTC();
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HealthMonitor health = HealthMonitor.standard(clock);
    private Admin admin;
    private KafkaHealth kafkaHealth;
    private Vertx vertx;
    private HttpServer server;
    private ChannelView channels;
    private SendService send;
    private WebhookDeliveryModule webhooks;
    private GroupLag lag;

    public DispatcherService(DispatcherConfig config) {
        this.config = config;
    }

    /** Starts everything and waits (bounded) until the consumers run; past the bound they start in the background. */
    public DispatcherService start() {
        return start(START_WAIT);
    }

    /** As {@link #start()}, waiting at most {@code wait} for the consumers (health shows what they wait for). */
    public DispatcherService start(Duration wait) {
        begin();
        try {
            CompletableFuture.allOf(send.started(), webhooks.started()).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("the dispatcher's consumers are not all running yet (see /health/ready): {}", e.toString());
        }
        return this;
    }

    private void begin() {
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        admin = Admin.create(config.kafka().admin("igrelay-dispatcher-admin"));
        kafkaHealth = new KafkaHealth(admin, Duration.ofSeconds(2), clock);
        Startup.awaitKafkaAndProvision(admin, kafkaHealth, config.kafka(), Topics.ALL, Duration.ofSeconds(60));
        kafkaHealth.start();
        listen();
        TopicLayout layout = config.kafka().topics();
        AvroSerdes serdes = AvroSerdes.fromUrl(config.kafka().schemaRegistryUrl(),
                config.kafka().schemaRegistryBasicAuth());
        channels = new ChannelView(layout.name(Topics.CHANNELS)).follow(channelConsumer(),
                serdes.deserializer(Channel.class), new TopicFollower.Options(FailurePolicy.DEFAULT,
                        DeadLetterProducer.logAndCount(metrics, getClass()), health.register("channels-view"), clock,
                        Duration.ofMillis(100)));
        send = new SendService(config, metrics, clock, health, channels);
        send.begin();
        webhooks = new WebhookDeliveryModule(config.webhooks(), config.kafka(), serdes, config.tokenCipher(),
                metrics, clock, new WebhookDeliveryModule.Shared(health, channels, vertx))
                .withContacts(config.meta());
        webhooks.begin();
        String queue = HubWebhookTopics.of(layout).queue();
        lag = new GroupLag(admin, lagReader(), List.of(
                new GroupLag.Loop("send", config.send().groupId(), List.of(layout.name(Topics.OUTBOUND_DISPATCH)),
                        Optional.of(send.probe())),
                new GroupLag.Loop("webhook-router", config.webhooks().routerGroupId(),
                        List.of(layout.name(Topics.EVENTS), layout.name(Topics.MESSAGE_STATUS)), Optional.empty()),
                new GroupLag.Loop("webhook-delivery", config.webhooks().deliveryGroupId(), List.of(queue),
                        Optional.empty()),
                new GroupLag.Loop("webhook-commands", config.webhooks().deliveryGroupId() + "-commands",
                        List.of(HubWebhookTopics.of(layout).commands()), Optional.empty())),
                metrics, Duration.ofSeconds(10));
    }

    private void listen() {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new DispatcherOpsRoutes(kafkaHealth, metrics, health).mount(router);
        try {
            // no h2c upgrade, as on the other services' ports: the JDK's HttpClient asks for it on every plain-http
            // request, and an upgraded GET /metrics once hung a test client for ten minutes (CommentRepliesIT)
            server = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                    .requestHandler(router).listen(config.port()).await();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen on port " + config.port() + ": " + e.getMessage(), e);
        }
        LOG.info("dispatcher listening on {}", server.actualPort());
    }

    private KafkaConsumer<byte[], byte[]> lagReader() {
        Properties props = config.kafka().consumer("igrelay-dispatcher-lag", "unused");
        props.remove("group.id"); // assigned, never committed
        props.put("max.poll.records", "1");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaConsumer<String, byte[]> channelConsumer() {
        Properties props = config.kafka().consumer("igrelay-dispatcher-view-channels", "unused");
        props.remove("group.id"); // assigned, never committed
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    public int port() {
        return server.actualPort();
    }

    /** What readiness and liveness are derived from (tests read it). */
    public HealthMonitor health() {
        return health;
    }

    @Override
    public void close() {
        LOG.info("dispatcher stopping");
        for (AutoCloseable part : new AutoCloseable[] {lag, webhooks, send, channels}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", part.getClass().getSimpleName(), e.toString());
            }
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
