package io.igrelay.dispatcher.webhooks;

import io.igrelay.avro.Channel;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.Webhook;
import io.igrelay.avro.WebhookEvent;
import io.igrelay.dispatcher.state.CompactedTopicView;
import io.igrelay.dispatcher.webhooks.delivery.AttemptRecord;
import io.igrelay.dispatcher.webhooks.delivery.CommandLoop;
import io.igrelay.dispatcher.webhooks.delivery.DeliveredSet;
import io.igrelay.dispatcher.webhooks.delivery.DeliveryEngine;
import io.igrelay.dispatcher.webhooks.delivery.DeliveryLoop;
import io.igrelay.dispatcher.webhooks.delivery.DeliveryMetrics;
import io.igrelay.dispatcher.webhooks.delivery.EngineReports;
import io.igrelay.dispatcher.webhooks.delivery.JobLedger;
import io.igrelay.dispatcher.webhooks.delivery.JobReports;
import io.igrelay.dispatcher.webhooks.delivery.QueueReplayer;
import io.igrelay.dispatcher.webhooks.delivery.RetryPolicy;
import io.igrelay.dispatcher.webhooks.delivery.SigningTransport;
import io.igrelay.dispatcher.webhooks.delivery.WebhookSender;
import io.igrelay.dispatcher.webhooks.envelope.QueuedEvent;
import io.igrelay.dispatcher.webhooks.routing.EventRouter;
import io.igrelay.dispatcher.webhooks.routing.RouterLoop;
import io.igrelay.dispatcher.webhooks.routing.StatusGate;
import io.igrelay.dispatcher.webhooks.state.AttemptIndex;
import io.igrelay.dispatcher.webhooks.state.TopicFollower;
import io.igrelay.dispatcher.webhooks.state.WebhookDirectory;
import io.igrelay.schemas.config.KafkaSettings;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.HubWebhookTopics;
import io.igrelay.schemas.topics.TopicLayout;
import io.igrelay.schemas.topics.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/*
 * The one entry point of Application-webhook delivery (issue 8) for DispatcherService: builds the router
 * (ig.events + ig.message.status -> hub.webhook.queue), the views it needs (channels, webhooks, attempt log), the
 * delivery engine on its own Vert.x context, and the retry/replay command consumer with the recorded job states.
 * Starts them in dependency order (views read before the first delivery) and closes them in reverse.
 */
public final class WebhookDeliveryModule implements AutoCloseable {

    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    private final WebhookSettings settings;
    private final KafkaSettings kafka;
    private final AvroSerdes serdes;
    private final TokenCipher cipher;
    private final MeterRegistry registry;
    private final Clock clock;
    private Vertx vertx;
    private CompactedTopicView<Channel> channels;
    private TopicFollower webhookFollower;
    private TopicFollower logFollower;
    private TopicFollower jobFollower;
    private Producer<String, byte[]> producer;
    private RouterLoop router;
    private DeliveryLoop delivery;
    private QueueReplayer replayer;
    private CommandLoop commands;
    private WebhookSender sender;

    public WebhookDeliveryModule(WebhookSettings settings, KafkaSettings kafka, AvroSerdes serdes,
            TokenCipher cipher, MeterRegistry registry, Clock clock) {
        this.settings = settings;
        this.kafka = kafka;
        this.serdes = serdes;
        this.cipher = cipher;
        this.registry = registry;
        this.clock = clock;
    }

    public WebhookDeliveryModule start() {
        TopicLayout layout = kafka.topics();
        HubWebhookTopics topics = HubWebhookTopics.of(layout);
        try (Admin admin = Admin.create(kafka.admin("igrelay-dispatcher-webhooks-admin"))) {
            topics.ensure(admin, layout, settings.queueRetention());
        }
        vertx = Vertx.vertx();
        Context context = vertx.getOrCreateContext();

        channels = new CompactedTopicView<>(layout.name(Topics.CHANNELS), plainConsumer("channels"),
                serdes.deserializer(Channel.class), (old, latest) -> latest).start();
        DeliveredSet delivered = new DeliveredSet(2_000_000);
        AttemptIndex index = new AttemptIndex(delivered);
        logFollower = new TopicFollower(topics.log(), plainConsumer("log"),
                r -> index.apply(AttemptRecord.fromBytes(r.value()))).start();
        WebhookDirectory directory = new WebhookDirectory();
        // a new webhook gets events from the moment this view holds it (README): operators and tests can see when
        Gauge.builder("igrelay.dispatcher.webhooks.known", directory, WebhookDirectory::size)
                .description("webhooks in the dispatcher's view of hub.webhooks").register(registry);
        var webhookValues = serdes.deserializer(Webhook.class);
        webhookFollower = new TopicFollower(layout.name(Topics.WEBHOOKS), plainConsumer("webhooks"),
                r -> directory.apply(r.key(), r.value() == null ? null
                        : webhookValues.deserialize(r.topic(), r.value()))).start();
        JobLedger ledger = new JobLedger();
        jobFollower = new TopicFollower(topics.jobs(), plainConsumer("jobs"),
                r -> ledger.apply(r.key(), r.value())).start();
        channels.awaitCaughtUp(CATCH_UP);
        logFollower.awaitCaughtUp(CATCH_UP);
        webhookFollower.awaitCaughtUp(CATCH_UP);
        jobFollower.awaitCaughtUp(CATCH_UP); // before the commands: an interrupted job must be known as such

        producer = new KafkaProducer<>(kafka.producer("igrelay-dispatcher-webhooks"), new StringSerializer(),
                new ByteArraySerializer());
        var avro = serdes.<WebhookEvent>serializer();
        String eventsTopic = layout.name(Topics.WEBHOOK_EVENTS);
        sender = new WebhookSender(vertx, new io.igrelay.schemas.net.PublicEndpoints(settings.devMode()), settings.httpTimeout(), clock);
        java.util.concurrent.atomic.AtomicReference<QueueReplayer> replayerRef =
                new java.util.concurrent.atomic.AtomicReference<>();
        DeliveryEngine engine = new DeliveryEngine(directory, new SigningTransport(sender, cipher, clock),
                (when, task) -> vertx.setTimer(Math.max(1, Duration.between(clock.instant(), when).toMillis()),
                        id -> task.run()),
                new EngineReports(producer, topics.log(), eventsTopic, e -> avro.serialize(eventsTopic, e), index,
                        new DeliveryMetrics(registry), (target, from) -> replayerRef.get().since(target.webhookId(),
                                from, e -> target.wants(e.applicationId(), e.eventType(), e.channelId(),
                                        e.status()))),
                new RetryPolicy(settings.retryInitial(), settings.retryMax(), settings.retryHorizon(),
                        () -> ThreadLocalRandom.current().nextDouble()),
                delivered, clock, settings.maxInFlightPerEndpoint(), settings.maxQueuedPerEndpoint(),
                settings.maxBodyBytes());
        replayer = new QueueReplayer(() -> plainConsumer("replay"), topics.queue(), engine, context);
        replayerRef.set(replayer);
        directory.listen(target -> context.runOnContext(v -> {
            Optional<Instant> from = engine.changed(target);
            if (from.isPresent()) {
                replayer.since(target.webhookId(), from.get(), e -> target.wants(e.applicationId(), e.eventType(),
                        e.channelId(), e.status()));
            }
        }), id -> context.runOnContext(v -> engine.removed(id)));

        StatusGate gate = new StatusGate(1_000_000);
        EventRouter eventRouter = new EventRouter(layout.name(Topics.EVENTS),
                serdes.deserializer(InstagramEvent.class), serdes.deserializer(MessageStatus.class),
                channelId -> channels.get(channelId).map(Channel::getApplicationId), gate);
        try (TopicFollower restore = new TopicFollower(topics.queue(), plainConsumer("restore"),
                r -> eventRouter.remember(QueuedEvent.fromBytes(r.value())))) {
            restore.start().awaitCaughtUp(CATCH_UP);
        }
        router = new RouterLoop(consumer("router", settings.routerGroupId()), producer,
                List.of(layout.name(Topics.EVENTS), layout.name(Topics.MESSAGE_STATUS)), topics.queue(),
                eventRouter).start();
        delivery = new DeliveryLoop(consumer("delivery", settings.deliveryGroupId()), topics.queue(), engine,
                context, settings.maxUnfinished()).start();
        commands = new CommandLoop(consumer("commands", settings.deliveryGroupId() + "-commands"),
                topics.commands(), index, replayer, new JobReports(producer, topics.jobs(), clock, ledger), ledger)
                .start();
        return this;
    }

    /** Whether a loop stopped on its own; readiness reports it. */
    public boolean failed() {
        return router != null && router.failed();
    }

    private KafkaConsumer<String, byte[]> consumer(String name, String groupId) {
        Properties props = kafka.consumer("igrelay-dispatcher-webhooks-" + name, groupId);
        props.put("partition.assignment.strategy", "org.apache.kafka.clients.consumer.RangeAssignor");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaConsumer<String, byte[]> plainConsumer(String name) {
        Properties props = kafka.consumer("igrelay-dispatcher-webhooks-" + name, "unused");
        props.remove("group.id");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        for (AutoCloseable part : new AutoCloseable[] {router, delivery, commands, replayer, webhookFollower,
                logFollower, jobFollower, channels}) {
            closeQuietly(part);
        }
        closeQuietly(sender);
        if (vertx != null) {
            vertx.close().await(); // the engine stops before the producer it reports through
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }

    private static void closeQuietly(AutoCloseable part) {
        try {
            if (part != null) {
                part.close();
            }
        } catch (Exception ignored) {
            // best effort while stopping
        }
    }

    /** Kept for symmetry with SendService: an Optional view of the Vert.x instance for tests. */
    Optional<Vertx> vertx() {
        return Optional.ofNullable(vertx);
    }
}
