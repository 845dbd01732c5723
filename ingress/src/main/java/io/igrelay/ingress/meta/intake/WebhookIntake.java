package io.igrelay.ingress.meta.intake;

import io.igrelay.avro.DeadLetter;
import io.igrelay.ingress.config.IngressConfig;
import io.igrelay.ingress.meta.AppSecret;
import io.igrelay.ingress.ops.OffLoopProducer;
import io.igrelay.ingress.spool.CircuitBreaker;
import io.igrelay.ingress.spool.RefusedRecords;
import io.igrelay.ingress.spool.Spool;
import io.igrelay.ingress.spool.SpoolMetrics;
import io.igrelay.ingress.spool.SpoolReplayer;
import io.igrelay.ingress.spool.SpoolingPublisher;
import io.igrelay.schemas.failure.FailurePolicy;
import io.igrelay.schemas.ops.HealthMonitor;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Assembles the durable intake once per process: the direct producer (idempotent, acks=all, never blocking the
 * event loop for long; replaced after each trip), the replay producer (transactional, one id per instance), the
 * spool, the breaker, the publisher and its replayer, and the routes on top. It needs neither Kafka nor the schema
 * registry to start: until the ingress has checked its topics ({@link #kafkaReady}) and registered the delivery
 * schema ({@link #registerSchema}), every delivery is spooled (with a placeholder schema id the replayer fills in),
 * and the replayer goes direct, with a warmed producer, once both are done. Closing drains in order.
 */
public final class WebhookIntake implements AutoCloseable {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration WARM_UP = Duration.ofSeconds(10);
    private static final long SEGMENT_BYTES = 32L * 1024 * 1024;

    private final Producer<byte[], byte[]> producer;
    private final Spool spool;
    private final CircuitBreaker breaker;
    private final SpoolingPublisher publisher;
    private final SpoolReplayer replayer;
    private final MetaWebhookRoutes routes;
    private final DeliveryEncoder encoder;
    private final AtomicBoolean kafkaReady = new AtomicBoolean();
    private final String topic;

    /** @param kafkaProbe asks the cluster synchronously (the replayer's probe while the breaker is half-open) */
    public WebhookIntake(IngressConfig config, AvroSerdes serdes, MeterRegistry registry, BooleanSupplier kafkaProbe,
                         Clock clock, HealthMonitor health) {
        this.topic = config.kafka().topics().name(Topics.WEBHOOKS_RAW);
        this.encoder = new DeliveryEncoder(serdes.registry(), topic);
        // for the Meta callbacks' records; its metadata is fetched by the start-up, off the event loop
        this.producer = OffLoopProducer.wrap(new KafkaProducer<>(producerProperties(config),
                new ByteArraySerializer(), new ByteArraySerializer()), "meta-callbacks");
        this.spool = Spool.open(config.intake().spoolDir(), config.intake().spoolMaxBytes(), SEGMENT_BYTES,
                clock::millis);
        this.breaker = new CircuitBreaker(Duration.ofMillis(500), Duration.ofSeconds(10), clock);
        SpoolMetrics spoolMetrics = new SpoolMetrics(registry, spool, breaker);
        this.publisher = new SpoolingPublisher(() -> directProducer(config, topic), topic, spool, breaker,
                config.intake().kafkaAckTimeout(), spoolMetrics, () -> kafkaReady.get() && encoder.registered());
        Serializer<DeadLetter> letters = serdes.serializer();
        String letterTopic = config.kafka().topics().name(Topics.OUTBOUND_DLQ);
        this.replayer = new SpoolReplayer(() -> replayProducer(config), topic, spool, breaker, publisher, kafkaProbe,
                DELIVERY_TIMEOUT.plusSeconds(5), spoolMetrics, config.intake().spoolReplayBatch())
                .finishingWith(encoder)
                .refusedTo(new RefusedRecords(FailurePolicy.DEFAULT, topic, letterTopic,
                        letter -> letters.serialize(letterTopic, letter),
                        config.intake().spoolDir().resolve("refused"), clock, registry))
                .onlyWhen(kafkaReady::get, "kafka: the ingress has not checked its topics yet")
                .reportingTo(health.register("spool-replayer"))
                .start();
        this.routes = new MetaWebhookRoutes(config.verifyToken(), AppSecret.from(config.meta()), publisher, encoder,
                config.intake().instanceId(), clock, registry);
    }

    /** Blocking start-up step: registers the delivery schema; throws while the registry is away. */
    public void registerSchema() {
        encoder.register();
    }

    /** Blocking start-up step, once the topics are checked: deliveries may reach Kafka from now on. */
    public void kafkaReady() {
        warmMetadata(producer, topic);
        kafkaReady.set(true);
    }

    /** A producer (byte[] keys and values) for the Meta callbacks' records; never retired, sends off the loop. */
    public Producer<byte[], byte[]> producer() {
        return producer;
    }

    public MetaWebhookRoutes routes() {
        return routes;
    }

    /** True while new deliveries go straight to Kafka (the spool is empty and Kafka takes them). */
    public boolean direct() {
        return publisher.isDirect();
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

    public static Properties producerProperties(IngressConfig config) {
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

    /**
     * max.block.ms is small for the event loop's sake, so the metadata fetch (on the replay thread, never an event
     * loop) retries, bounded: a broker that went away again fails it, and the breaker tries later.
     */
    private static void warmMetadata(Producer<byte[], byte[]> producer, String topic) {
        long deadline = System.nanoTime() + WARM_UP.toNanos();
        while (true) {
            try {
                producer.partitionsFor(topic);
                return;
            } catch (TimeoutException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no metadata for " + topic + " within " + WARM_UP.toSeconds()
                            + " s", notYet);
                }
            }
        }
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
