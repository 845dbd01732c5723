package io.igrelay.dispatcher.send;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.DeadLetter;
import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.SendRecord;
import io.igrelay.dispatcher.DispatcherConfig;
import io.igrelay.dispatcher.failure.DeadLetterProducer;
import io.igrelay.dispatcher.failure.DependentStart;
import io.igrelay.dispatcher.graph.GraphRequestFactory;
import io.igrelay.dispatcher.graph.OutcomeClassifier;
import io.igrelay.dispatcher.graph.SendBodyMapper;
import io.igrelay.dispatcher.limit.AccountRateLimiter;
import io.igrelay.dispatcher.limit.RestrictionGate;
import io.igrelay.dispatcher.limit.UsageGovernor;
import io.igrelay.dispatcher.state.ChannelSendCheck;
import io.igrelay.dispatcher.state.ChannelView;
import io.igrelay.dispatcher.state.DispatchLedger;
import io.igrelay.schemas.config.KafkaSettings;
import io.igrelay.schemas.consume.CompactedTopicView;
import io.igrelay.schemas.consume.TopicFollower;
import io.igrelay.schemas.failure.Backoff;
import io.igrelay.schemas.failure.FailurePolicy;
import io.igrelay.schemas.ops.HealthMonitor;
import io.igrelay.schemas.ops.Probe;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.TopicLayout;
import io.igrelay.schemas.topics.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Assembles the Send API path from the dispatcher's configuration (the only place that builds Kafka clients and
 * the HTTP client for it): the channel and ledger views, the outcome producer, the pipeline and the parallel
 * consumer. Starts them in dependency order (views caught up before the first command) on a starter thread, so the
 * service comes up (and health answers) while the registry or the broker is away, and nothing is consumed before
 * its views are complete; every part reports into the HealthMonitor. Closes them in reverse.
 */
public final class SendService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SendService.class);
    private static final Duration START_WAIT = Duration.ofSeconds(60);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(100);

    private final DispatcherConfig config;
    private final MeterRegistry registry;
    private final Clock clock;
    private final HealthMonitor health;
    private final ChannelView sharedChannels;
    private ChannelView ownChannels;
    private CompactedTopicView<SendRecord> ledgerView;
    private Probe probe;
    private DependentStart starter;
    private ScheduledExecutorService watch;
    private volatile boolean closing;
    private Producer<String, Object> producer;
    private ExecutorService followUps;
    private ScheduledExecutorService writeRetries;
    private volatile SendConsumer consumer;
    private Supplier<SendConsumer> consumers;
    private GraphClient graph;
    private Runnable forgetAll;
    private Counter restarts;

    /** Standalone: its own health monitor and its own view of ig.channels. */
    public SendService(DispatcherConfig config, MeterRegistry registry, Clock clock) {
        this(config, registry, clock, HealthMonitor.standard(clock), null);
    }

    /** {@code channels}: the dispatcher's shared view of ig.channels (null: this service follows its own). */
    public SendService(DispatcherConfig config, MeterRegistry registry, Clock clock, HealthMonitor health,
            ChannelView channels) {
        this.config = config;
        this.registry = registry;
        this.clock = clock;
        this.health = health;
        this.sharedChannels = channels;
    }

    /** Begins and waits (bounded) until the consumer runs; past the bound it goes on starting in the background. */
    public SendService start() {
        begin();
        starter.await(START_WAIT);
        return this;
    }

    /** Starts the views and, on a starter thread, everything that needs them; returns at once. */
    public CompletableFuture<Void> begin() {
        KafkaSettings kafka = config.kafka();
        TopicLayout layout = kafka.topics();
        AvroSerdes serdes = AvroSerdes.fromUrl(kafka.schemaRegistryUrl(), kafka.schemaRegistryBasicAuth());
        ChannelView channels = sharedChannels;
        if (channels == null) {
            ownChannels = new ChannelView(layout.name(Topics.CHANNELS)).follow(viewConsumer("channels"),
                    serdes.deserializer(Channel.class), viewOptions("send-channels-view"));
            channels = ownChannels;
        }
        ledgerView = new CompactedTopicView<SendRecord>(layout.name(Topics.DISPATCH_LEDGER), DispatchLedger::later)
                .follow(viewConsumer("ledger"), serdes.deserializer(SendRecord.class), viewOptions("send-ledger-view"));
        probe = health.register("send-consumer");
        ChannelView views = channels;
        starter = new DependentStart("send-consumer", probe);
        return starter.begin(List.of(channels.started(), ledgerView.started()), () -> registerSchemas(serdes, layout),
                () -> {
                    startConsumer(serdes, layout, views, new DispatchLedger(ledgerView));
                    probe.running();
                });
    }

    private void startConsumer(AvroSerdes serdes, TopicLayout layout, ChannelView channels, DispatchLedger ledger) {
        KafkaSettings kafka = config.kafka();
        SendSettings settings = config.send();
        Properties producerProps = kafka.producer("igrelay-dispatcher-outcomes");
        producer = new KafkaProducer<>(producerProps, new StringSerializer(), serdes.serializer());
        SendMetrics metrics = new SendMetrics(registry);
        PendingWrites pending = new PendingWrites();
        followUps = Executors.newSingleThreadExecutor(daemon("igrelay-outcome-follow-ups"));
        writeRetries = Executors.newSingleThreadScheduledExecutor(daemon("igrelay-outcome-write-retries"));
        OutcomeWriter writer = new OutcomeWriter(producer, new OutcomeWriter.TopicNames(
                layout.name(Topics.DISPATCH_LEDGER), layout.name(Topics.MESSAGE_STATUS),
                layout.name(Topics.CHANNEL_EVENTS), layout.name(Topics.OUTBOUND_DLQ)), ledger, followUps,
                (task, delay) -> {
                    metrics.writeRetry();
                    writeRetries.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
                }, pending, clock);
        AccountRateLimiter limiter = new AccountRateLimiter(settings.textPerSecond(), settings.mediaPerSecond(),
                System::nanoTime);
        graph = new GraphClient(settings.maxConcurrency(), CONNECT_TIMEOUT, settings.httpTimeout(),
                new OutcomeClassifier(), metrics, new UsageGovernor(limiter, settings.usageSlowdownAt(),
                        settings.rateLimitPause(), scope -> metrics.usagePause(scope.name().toLowerCase(Locale.ROOT))));
        SendPipeline pipeline = new SendPipeline(serdes.deserializer(DispatchCommand.class), ledger,
                new ChannelSendCheck(channels), config.tokenCipher(),
                new GraphRequestFactory(config.meta(), new SendBodyMapper()),
                graph,
                limiter, new Backoff(settings.retryInitial(), settings.retryMax(), settings.maxAttempts()),
                settings.rateLimitPause(), writer, metrics, FailurePolicy.DEFAULT, probe, clock,
                new RestrictionGate(settings.restrictionPause()));

        Properties consumerProps = kafka.consumer("igrelay-dispatcher-send", settings.groupId());
        consumerProps.put("max.poll.records", "500");
        String topic = layout.name(Topics.OUTBOUND_DISPATCH);
        consumers = () -> new SendConsumer(new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                new ByteArrayDeserializer()), topic, settings, pipeline, ledgerView, pending).start();
        forgetAll = () -> pipeline.forget(IntStream.range(0, layout.partitions())
                .mapToObj(p -> new TopicPartition(topic, p)).toList());
        restarts = registry.counter("igrelay_dispatcher_send_consumer_restarts");
        consumer = consumers.get();
        watch = Executors.newSingleThreadScheduledExecutor(daemon("send-consumer-watch"));
        watch.scheduleWithFixedDelay(this::watchConsumer, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * The parallel consumer runs its own threads: its failure is read from it, once a second. It stops for good on an
     * error it cannot handle itself, e.g. a commit that timed out while the broker was away; then readiness turns
     * DOWN, and a new consumer takes over from the last committed offsets, as after a restart of the process: the
     * ledger view skips what was already sent, and half-done work is forgotten and decided again. Each turn of the
     * watch beats the part's probe while the consumer runs, so an idle consumer stays ready and a watch that stopped
     * turns the part STUCK.
     */
    private void watchConsumer() {
        try {
            replaceIfStopped();
            if (!closing && !consumer.failed()) {
                probe.beat(); // it runs: idle is not stuck (lag with no progress is), and a dead watch stops beating
            }
        } catch (Exception e) { // a scheduled task that throws is never run again: this watch must outlive any error
            LOG.error("replacing the stopped Send API consumer failed; trying again in a second: {}", e.toString());
        }
    }

    private void replaceIfStopped() {
        SendConsumer current = consumer;
        if (closing || !current.failed()) {
            return;
        }
        probe.failed(new IllegalStateException("the parallel consumer stopped; starting a new one"));
        LOG.warn("the Send API consumer stopped on an error; starting a new one from the last committed offsets");
        try {
            current.close();
        } catch (Exception e) { // the parallel consumer rethrows its own failure on close, checked ones included
            LOG.info("the stopped consumer closed with its error: {}", e.toString());
        }
        if (closing) {
            return;
        }
        forgetAll.run();
        consumer = consumers.get();
        restarts.increment();
        probe.running();
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Registers the value schemas this service writes once, from one thread, before a thousand workers serialize
     * their first records at the same moment (concurrent first registrations of one subject can collide).
     */
    private static void registerSchemas(AvroSerdes serdes, TopicLayout layout) {
        serdes.registry().register(Topics.DISPATCH_LEDGER.valueSubject(layout.prefix()), SendRecord.getClassSchema());
        serdes.registry().register(Topics.MESSAGE_STATUS.valueSubject(layout.prefix()),
                MessageStatus.getClassSchema());
        serdes.registry().register(Topics.CHANNEL_EVENTS.valueSubject(layout.prefix()),
                ChannelEvent.getClassSchema());
        serdes.registry().register(Topics.OUTBOUND_DLQ.valueSubject(layout.prefix()), DeadLetter.getClassSchema());
    }

    private KafkaConsumer<String, byte[]> viewConsumer(String name) {
        Properties props = config.kafka().consumer("igrelay-dispatcher-view-" + name, "unused");
        props.remove("group.id"); // assigned, never committed
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private TopicFollower.Options viewOptions(String name) {
        return new TopicFollower.Options(FailurePolicy.DEFAULT, DeadLetterProducer.logAndCount(registry, getClass()),
                health.register(name), clock, POLL);
    }

    /** Whether the consumer stopped on its own (a fatal error); readiness reports it. */
    public boolean failed() {
        return consumer != null && consumer.failed();
    }

    /** The probe of the Send API consumer (its lag is measured from outside, by the consumer group's offsets). */
    public Probe probe() {
        return probe;
    }

    /** Completes once the consumer runs. */
    public CompletableFuture<Void> started() {
        return starter.started();
    }

    @Override
    public void close() {
        closing = true;
        if (starter != null) {
            starter.close();
        }
        if (watch != null) {
            watch.shutdownNow();
        }
        if (consumer != null) {
            consumer.close();
        }
        if (graph != null) {
            graph.close(); // after the consumer: its workers' calls are finished
        }
        if (writeRetries != null) {
            writeRetries.shutdownNow(); // a write still being retried now fails; nothing was committed past it
        }
        if (followUps != null) {
            followUps.shutdown(); // after the consumer's last commit, which waited for every follow-up
            try {
                followUps.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
        if (ledgerView != null) {
            ledgerView.close();
        }
        if (ownChannels != null) {
            ownChannels.close();
        }
    }
}
