package io.igrelay.dispatcher.webhooks;

import io.igrelay.avro.Channel;
import io.igrelay.avro.DeadLetter;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.Webhook;
import io.igrelay.avro.WebhookEvent;
import io.igrelay.dispatcher.failure.DeadLetterProducer;
import io.igrelay.dispatcher.failure.DependentStart;
import io.igrelay.dispatcher.failure.LoopLife;
import io.igrelay.dispatcher.failure.RecordGuard;
import io.igrelay.dispatcher.state.ChannelView;
import io.igrelay.dispatcher.webhooks.delivery.CommandLoop;
import io.igrelay.dispatcher.webhooks.delivery.DeliveredSet;
import io.igrelay.dispatcher.webhooks.delivery.DeliveryLoop;
import io.igrelay.dispatcher.webhooks.delivery.JobLedger;
import io.igrelay.dispatcher.webhooks.delivery.JobReports;
import io.igrelay.dispatcher.webhooks.delivery.JobStarter;
import io.igrelay.dispatcher.webhooks.routing.ContentRouting;
import io.igrelay.dispatcher.webhooks.routing.EventRouter;
import io.igrelay.dispatcher.webhooks.routing.GateRestore;
import io.igrelay.dispatcher.webhooks.routing.RouterLoop;
import io.igrelay.dispatcher.webhooks.routing.StatusGate;
import io.igrelay.dispatcher.webhooks.state.WebhookDirectory;
import io.igrelay.dispatcher.webhooks.state.WebhookStores;
import io.igrelay.schemas.config.KafkaSettings;
import io.igrelay.schemas.config.MetaSettings;
import io.igrelay.schemas.consume.TopicFollower;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.schemas.failure.FailurePolicy;
import io.igrelay.schemas.ops.HealthMonitor;
import io.igrelay.schemas.ops.Probe;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.HubWebhookTopics;
import io.igrelay.schemas.topics.TopicLayout;
import io.igrelay.schemas.topics.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/*
 * The one entry point of Application-webhook delivery for DispatcherService: the views it needs (channels, webhooks)
 * and the local store of the attempt log and job states start at once; the router (ig.events + ig.message.status ->
 * hub.webhook.queue), the delivery engine and the retry/replay command loop start on a starter thread once those are
 * complete and the schema registry answers, so the process comes up while a dependency is away and nothing is
 * consumed on a half-read picture. Each part comes from a named builder below; the engine runs on a context of the
 * process's one Vertx. Every part reports into the HealthMonitor. Closes them in reverse.
 */
public final class WebhookDeliveryModule implements AutoCloseable {

    private static final Duration START_WAIT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(100);

    /** What the module reads and shares with the rest of the dispatcher (DispatcherService passes its own). */
    public record Shared(HealthMonitor health, ChannelView channels, Vertx vertx) {
    }

    private final WebhookSettings settings;
    private final KafkaSettings kafka;
    private final AvroSerdes serdes;
    private final MeterRegistry registry;
    private final Clock clock;
    private final HealthMonitor health;
    private final ChannelView sharedChannels;
    private final Vertx vertx;
    private final boolean ownsVertx;
    private final WebhookEngine engine;
    private ChannelView ownChannels;
    private MetaSettings meta;
    private WebhookStores stores;
    private TopicFollower<Webhook> webhookFollower;
    private Producer<String, Object> letterProducer;
    private DeadLetterProducer letters;
    private DependentStart starter;
    private RouterLoop router;
    private DeliveryLoop delivery;
    private CommandLoop commands;

    /** Standalone (tests, bench): its own health monitor, its own view of ig.channels and the process's Vertx. */
    public WebhookDeliveryModule(WebhookSettings settings, KafkaSettings kafka, AvroSerdes serdes,
            TokenCipher cipher, MeterRegistry registry, Clock clock) {
        this(settings, kafka, serdes, cipher, registry, clock, new Shared(HealthMonitor.standard(clock), null, null));
    }

    /** {@code shared}: a null view means this module follows ig.channels itself, a null Vertx that it owns one. */
    public WebhookDeliveryModule(WebhookSettings settings, KafkaSettings kafka, AvroSerdes serdes,
            TokenCipher cipher, MeterRegistry registry, Clock clock, Shared shared) {
        this.settings = settings;
        this.kafka = kafka;
        this.serdes = serdes;
        this.registry = registry;
        this.clock = clock;
        this.health = shared.health();
        this.sharedChannels = shared.channels();
        this.ownsVertx = shared.vertx() == null;
        this.vertx = ownsVertx ? Vertx.vertx() : shared.vertx();
        this.engine = new WebhookEngine(settings, cipher, registry, clock, serdes);
    }

    /** Lets Message events of includeContact webhooks carry the contact profile from Meta (before begin). */
    public WebhookDeliveryModule withContacts(MetaSettings meta) {
        this.meta = meta;
        return this;
    }

    /** Begins and waits (bounded) until the loops run; past the bound they go on starting in the background. */
    public WebhookDeliveryModule start() {
        begin();
        starter.await(START_WAIT);
        return this;
    }

    /** Starts the views and the store, and on a starter thread everything that needs them; returns at once. */
    public void begin() {
        TopicLayout layout = kafka.topics();
        HubWebhookTopics topics = ensureTopics(layout);
        letters = deadLetters(layout);
        ChannelView channels = channels(layout);
        JobLedger ledger = stores(topics);
        WebhookDirectory directory = directory(layout);
        EventRouter eventRouter = eventRouter(layout, channels);
        Probe routerProbe = health.register("webhook-router");
        Probe deliveryProbe = health.register("webhook-delivery");
        Probe commandProbe = health.register("webhook-commands");
        starter = new DependentStart("webhook-delivery", routerProbe);
        starter.begin(List.of(channels.started(), webhookFollower.started(), stores.logStarted(),
                stores.jobsStarted()), () -> {
                    registerSchemas(layout, topics);
                    restoreGate(topics, eventRouter);
                }, () -> startLoops(layout, topics, directory, ledger, eventRouter,
                        new Probe[] {routerProbe, deliveryProbe, commandProbe}));
    }

    private HubWebhookTopics ensureTopics(TopicLayout layout) {
        HubWebhookTopics topics = HubWebhookTopics.of(layout);
        try (Admin admin = Admin.create(kafka.admin("igrelay-dispatcher-webhooks-admin"))) {
            topics.ensure(admin, layout, settings.queueRetention());
        }
        return topics;
    }

    private DeadLetterProducer deadLetters(TopicLayout layout) {
        letterProducer = new KafkaProducer<>(kafka.producer("igrelay-dispatcher-webhooks-dlq"),
                new StringSerializer(), serdes.serializer());
        return new DeadLetterProducer(letterProducer, layout.name(Topics.OUTBOUND_DLQ), registry);
    }

    /** The dispatcher's shared view of ig.channels, or one of its own. */
    private ChannelView channels(TopicLayout layout) {
        if (sharedChannels != null) {
            return sharedChannels;
        }
        ownChannels = new ChannelView(layout.name(Topics.CHANNELS)).follow(plainConsumer("channels"),
                serdes.deserializer(Channel.class), viewOptions("webhook-channels-view"));
        return ownChannels;
    }

    /** The local store following the attempt log and the job states; returns the job ledger it feeds. */
    private JobLedger stores(HubWebhookTopics topics) {
        stores = new WebhookStores(settings.storeDir(), settings.queueRetention(), engine.codecs(), clock);
        stores.followLog(topics.log(), plainConsumer("log"), letters, health.register("webhook-log-store"));
        JobLedger ledger = new JobLedger(stores.jobs());
        stores.followJobs(topics.jobs(), plainConsumer("jobs"), ledger::apply,
                DeadLetterProducer.logAndCount(registry, getClass()), health.register("webhook-jobs-store"));
        return ledger;
    }

    /** The registered webhooks, following hub.webhooks. */
    private WebhookDirectory directory(TopicLayout layout) {
        WebhookDirectory directory = new WebhookDirectory();
        // a new webhook gets events from the moment this view holds it (README): operators and tests can see when
        Gauge.builder("igrelay.dispatcher.webhooks.known", directory, WebhookDirectory::size)
                .description("webhooks in the dispatcher's view of hub.webhooks").register(registry);
        webhookFollower = new TopicFollower<>(layout.name(Topics.WEBHOOKS), plainConsumer("webhooks"),
                serdes.deserializer(Webhook.class), (r, webhook) -> directory.apply(r.key(), webhook),
                viewOptions("webhook-directory-view")).start();
        return directory;
    }

    private EventRouter eventRouter(TopicLayout layout, ChannelView channels) {
        Counter withheld = Counter.builder("igrelay.dispatcher.webhook.content.withheld")
                .description("inbound events not routed: channel disconnected or not the account's holder")
                .register(registry);
        return new EventRouter(layout.name(Topics.EVENTS), serdes.deserializer(InstagramEvent.class),
                serdes.deserializer(MessageStatus.class), new ContentRouting(channels, withheld)::applicationFor,
                new StatusGate(settings.capacities().statusGateEntries()));
    }

    /** The status gate learns what the queue already holds, so a restart does not send a status twice. */
    private void restoreGate(HubWebhookTopics topics, EventRouter eventRouter) {
        try (KafkaConsumer<String, byte[]> restore = plainConsumer("restore")) {
            new GateRestore(restore, topics.queue(), settings.capacities().gateRestoreRecords()).into(eventRouter);
        }
    }

    private void startLoops(TopicLayout layout, HubWebhookTopics topics, WebhookDirectory directory,
            JobLedger ledger, EventRouter eventRouter, Probe[] probes) {
        engine.start(vertx, new WebhookEngine.Outputs(kafka.producer("igrelay-dispatcher-webhooks"), topics,
                layout.name(Topics.WEBHOOK_EVENTS), serdes.<WebhookEvent>serializer()), directory,
                new DeliveredSet(settings.capacities().recentDeliveries(), stores.log()::delivered),
                () -> plainConsumer("replay"), new WebhookEngine.Contacts(Optional.ofNullable(meta),
                        sharedChannels != null ? sharedChannels : ownChannels));
        router = new RouterLoop(consumer("router", settings.routerGroupId()), engine.producer(),
                List.of(layout.name(Topics.EVENTS), layout.name(Topics.MESSAGE_STATUS)), topics.queue(),
                eventRouter, guard(probes[0]), life("webhook router", probes[0])).start();
        delivery = new DeliveryLoop(consumer("delivery", settings.deliveryGroupId()), topics.queue(),
                engine.engine(), engine.context(), settings.maxUnfinished(), guard(probes[1]),
                life("webhook delivery loop", probes[1])).start();
        commands = new CommandLoop(consumer("commands", settings.deliveryGroupId() + "-commands"),
                topics.commands(), engine.codecs().commands(), new JobStarter(stores.log(), stores.replays(),
                        engine.replayer().resender(engine.engine()), new JobReports(engine.producer(),
                                topics.jobs(), engine.codecs().jobs(), clock, ledger), ledger),
                stores::logCatchUp, guard(probes[2]), life("webhook command loop", probes[2])).start();
        for (Probe probe : probes) {
            LoopLife.started(probe); // each loop's own turns report from here on
        }
    }

    /** Registers the value schemas this module writes, before the first write needs them. */
    private void registerSchemas(TopicLayout layout, HubWebhookTopics topics) {
        serdes.registry().register(Topics.WEBHOOK_EVENTS.valueSubject(layout.prefix()), WebhookEvent.getClassSchema());
        engine.codecs().register(topics);
        serdes.registry().register(Topics.OUTBOUND_DLQ.valueSubject(layout.prefix()), DeadLetter.getClassSchema());
    }

    private RecordGuard guard(Probe probe) {
        return new RecordGuard(FailurePolicy.DEFAULT, letters::sendAndWait, probe, clock);
    }

    private static LoopLife life(String name, Probe probe) {
        return new LoopLife(name, probe, FailurePolicy.DEFAULT);
    }

    private TopicFollower.Options viewOptions(String name) {
        return new TopicFollower.Options(FailurePolicy.DEFAULT, DeadLetterProducer.logAndCount(registry, getClass()),
                health.register(name), clock, POLL);
    }

    /** Completes once the loops run. */
    public CompletableFuture<Void> started() {
        return starter.started();
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
        for (AutoCloseable part : new AutoCloseable[] {starter, router, delivery, commands, webhookFollower,
                ownChannels, engine}) {
            closeQuietly(part);
        }
        if (letterProducer != null) {
            letterProducer.close(Duration.ofSeconds(10));
        }
        closeQuietly(stores); // last: the loops, the engine and the producers' callbacks write to it
        if (ownsVertx) {
            vertx.close().await();
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
}
