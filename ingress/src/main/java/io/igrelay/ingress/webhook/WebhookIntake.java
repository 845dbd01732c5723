package io.igrelay.ingress.webhook;

import io.igrelay.avro.SigningApp;
import io.igrelay.avro.WebhookDelivery;
import io.igrelay.ingress.IngressConfig;
import io.igrelay.ingress.meta.AppSecret;
import io.igrelay.ingress.spool.CircuitBreaker;
import io.igrelay.ingress.spool.Spool;
import io.igrelay.ingress.spool.SpoolMetrics;
import io.igrelay.ingress.spool.SpoolReplayer;
import io.igrelay.ingress.spool.SpoolingPublisher;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Assembles the durable intake once per process: the direct producer (idempotent, acks=all, never blocking the
 * event loop for long; replaced after each trip), the replay producer (transactional, one id per instance), the
 * spool, the breaker, the publisher and its replayer, and the routes on top. Start-up warms the producer's metadata
 * and the serializer's schema id so no request ever waits on either; closing drains in order.
 */
public final class WebhookIntake implements AutoCloseable {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);
    private static final long SEGMENT_BYTES = 32L * 1024 * 1024;

    private final KafkaProducer<byte[], byte[]> producer;
    private final Spool spool;
    private final CircuitBreaker breaker;
    private final SpoolingPublisher publisher;
    private final SpoolReplayer replayer;
    private final WebhookRoutes routes;

    /** @param kafkaProbe asks the cluster synchronously (the replayer's probe while the breaker is half-open) */
    public WebhookIntake(IngressConfig config, AvroSerdes serdes, MeterRegistry registry, BooleanSupplier kafkaProbe,
                         Clock clock) {
        String topic = config.kafka().topics().name(Topics.WEBHOOKS_RAW);
        Serializer<WebhookDelivery> serializer = serdes.forType(WebhookDelivery.class).serializer();
        serializer.serialize(topic, sample(clock)); // registers the schema now; later calls use the cached id
        this.producer = directProducer(config, topic); // for the Meta callbacks' records
        this.spool = Spool.open(config.intake().spoolDir(), config.intake().spoolMaxBytes(), SEGMENT_BYTES,
                clock::millis);
        this.breaker = new CircuitBreaker(Duration.ofMillis(500), Duration.ofSeconds(10), clock);
        SpoolMetrics spoolMetrics = new SpoolMetrics(registry, spool, breaker);
        this.publisher = new SpoolingPublisher(() -> directProducer(config, topic), topic, spool, breaker,
                config.intake().kafkaAckTimeout(), spoolMetrics);
        this.replayer = new SpoolReplayer(() -> replayProducer(config), topic, spool, breaker, publisher, kafkaProbe,
                DELIVERY_TIMEOUT.plusSeconds(5), spoolMetrics, config.intake().spoolReplayBatch()).start();
        this.routes = new WebhookRoutes(config.verifyToken(), AppSecret.from(config.meta()), publisher, serializer,
                topic, config.intake().instanceId(), clock, registry);
    }

    /** A producer (byte[] keys and values) for the Meta callbacks' records; never retired. */
    public Producer<byte[], byte[]> producer() {
        return producer;
    }

    public WebhookRoutes routes() {
        return routes;
    }

    /** True while deliveries can still be made durable in the spool (the ingress's readiness without Kafka). */
    public boolean spoolAccepting() {
        return spool.accepting();
    }

    /** What /health/ready shows about the spool. */
    public JsonObject health() {
        return new JsonObject()
                .put("records", spool.records())
                .put("bytes", spool.bytes())
                .put("capacityBytes", spool.maxBytes())
                .put("accepting", spool.accepting())
                .put("oldestAgeSeconds", spool.oldestAgeMillis() / 1000.0)
                .put("kafkaBreaker", breaker.state().name())
                .put("direct", publisher.isDirect());
    }

    static Properties producerProperties(IngressConfig config) {
        Properties props = config.kafka().producer("igrelay-ingress-" + config.intake().instanceId());
        props.put("max.block.ms", "50");
        // one batch per partition goes in each produce request, and at most 5 are in flight: small batches would
        // cap the intake at 5 x batch.size per round trip, far below the broker
        props.put("batch.size", Integer.toString(512 * 1024));
        // each 200 waits for its ack: a short linger keeps latency low, and under load batches fill anyway while
        // earlier requests are in flight
        props.put("linger.ms", "1");
        props.put("max.request.size", Integer.toString(Topics.RAW_MAX_RECORD_BYTES));
        props.put("buffer.memory", Long.toString(64L * 1024 * 1024));
        props.put("request.timeout.ms", "10000");
        props.put("delivery.timeout.ms", Long.toString(DELIVERY_TIMEOUT.toMillis()));
        props.put("reconnect.backoff.max.ms", "1000");
        return props;
    }

    /** A direct producer with its metadata fetched, so send() never waits for it on the event loop. */
    private static KafkaProducer<byte[], byte[]> directProducer(IngressConfig config, String topic) {
        KafkaProducer<byte[], byte[]> created = new KafkaProducer<>(producerProperties(config),
                new ByteArraySerializer(), new ByteArraySerializer());
        try {
            warmMetadata(created, topic);
            return created;
        } catch (RuntimeException e) {
            created.close(Duration.ZERO);
            throw e;
        }
    }

    /**
     * The replayer's producer: transactional with an id fixed per instance (the spool belongs to the instance), so
     * a restart fences the killed process and aborts its open batch; it may block, it runs on its own thread.
     */
    static Properties replayProperties(IngressConfig config) {
        Properties props = config.kafka().producer("igrelay-ingress-replay-" + config.intake().instanceId());
        props.put("transactional.id", "igrelay-ingress-spool-" + config.intake().instanceId());
        props.put("max.request.size", Integer.toString(Topics.RAW_MAX_RECORD_BYTES));
        props.put("linger.ms", "5");
        props.put("request.timeout.ms", "10000");
        props.put("delivery.timeout.ms", Long.toString(DELIVERY_TIMEOUT.toMillis()));
        props.put("max.block.ms", Long.toString(DELIVERY_TIMEOUT.toMillis()));
        props.put("transaction.timeout.ms", "60000");
        props.put("reconnect.backoff.max.ms", "1000");
        return props;
    }

    private static KafkaProducer<byte[], byte[]> replayProducer(IngressConfig config) {
        return new KafkaProducer<>(replayProperties(config), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** max.block.ms is small for the event loop's sake, so the start-up metadata fetch retries (bounded). */
    private static void warmMetadata(Producer<byte[], byte[]> producer, String topic) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                producer.partitionsFor(topic);
                return;
            } catch (org.apache.kafka.common.errors.TimeoutException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no metadata for " + topic + " within 60 s", notYet);
                }
            }
        }
    }

    private static WebhookDelivery sample(Clock clock) {
        return WebhookDelivery.newBuilder().setDeliveryId("warm-up").setReceivedAt(clock.instant())
                .setBody(ByteBuffer.wrap(new byte[0])).setHeaders(Map.of()).setSignedWith(SigningApp.META_APP)
                .build();
    }

    /** Stops the replayer, waits for in-flight sends, then closes the producer and the spool. */
    @Override
    public void close() {
        replayer.close();
        publisher.close();
        producer.close(Duration.ofSeconds(10));
        spool.close();
    }
}
