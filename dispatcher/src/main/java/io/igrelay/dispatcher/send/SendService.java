package io.igrelay.dispatcher.send;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.DeadLetter;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.SendRecord;
import io.igrelay.dispatcher.DispatcherConfig;
import io.igrelay.dispatcher.graph.GraphRequestFactory;
import io.igrelay.dispatcher.graph.OutcomeClassifier;
import io.igrelay.dispatcher.graph.SendBodyMapper;
import io.igrelay.dispatcher.limit.AccountRateLimiter;
import io.igrelay.dispatcher.limit.Backoff;
import io.igrelay.dispatcher.state.ChannelDirectory;
import io.igrelay.dispatcher.state.CompactedTopicView;
import io.igrelay.dispatcher.state.DispatchLedger;
import io.igrelay.schemas.config.KafkaSettings;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.TopicLayout;
import io.igrelay.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/*
 * Assembles the Send API path from the dispatcher's configuration (the only place that builds Kafka clients and
 * the HTTP client for it): the channel and ledger views, the outcome producer, the pipeline and the parallel
 * consumer. Starts them in dependency order (views caught up before the first command) and closes them in reverse.
 */
public final class SendService implements AutoCloseable {

    private static final Duration VIEW_CATCH_UP = Duration.ofSeconds(60);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final DispatcherConfig config;
    private final MeterRegistry registry;
    private final Clock clock;
    private CompactedTopicView<Channel> channelView;
    private CompactedTopicView<SendRecord> ledgerView;
    private Producer<String, Object> producer;
    private ExecutorService followUps;
    private ScheduledExecutorService writeRetries;
    private SendConsumer consumer;
    private GraphClient graph;

    public SendService(DispatcherConfig config, MeterRegistry registry, Clock clock) {
        this.config = config;
        this.registry = registry;
        this.clock = clock;
    }

    public SendService start() {
        KafkaSettings kafka = config.kafka();
        TopicLayout layout = kafka.topics();
        SendSettings settings = config.send();
        AvroSerdes serdes = AvroSerdes.fromUrl(kafka.schemaRegistryUrl(), kafka.schemaRegistryBasicAuth());

        channelView = new CompactedTopicView<>(layout.name(Topics.CHANNELS), viewConsumer("channels"),
                serdes.deserializer(Channel.class), (old, latest) -> latest).start();
        ledgerView = new CompactedTopicView<>(layout.name(Topics.DISPATCH_LEDGER), viewConsumer("ledger"),
                serdes.deserializer(SendRecord.class), DispatchLedger::later).start();
        channelView.awaitCaughtUp(VIEW_CATCH_UP);
        ledgerView.awaitCaughtUp(VIEW_CATCH_UP);
        DispatchLedger ledger = new DispatchLedger(ledgerView);

        registerOutputSchemas(serdes, layout);
        Properties producerProps = kafka.producer("igrelay-dispatcher-outcomes");
        producer = new KafkaProducer<>(producerProps, new StringSerializer(), serdes.serializer());
        SendMetrics metrics = new SendMetrics(registry);
        PendingWrites pending = new PendingWrites();
        followUps = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "igrelay-outcome-follow-ups");
            thread.setDaemon(true);
            return thread;
        });
        writeRetries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "igrelay-outcome-write-retries");
            thread.setDaemon(true);
            return thread;
        });
        OutcomeWriter writer = new OutcomeWriter(producer, new OutcomeWriter.TopicNames(
                layout.name(Topics.DISPATCH_LEDGER), layout.name(Topics.MESSAGE_STATUS),
                layout.name(Topics.CHANNEL_EVENTS), layout.name(Topics.OUTBOUND_DLQ)), ledger, followUps,
                (task, delay) -> {
                    metrics.writeRetry();
                    writeRetries.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
                }, pending, clock);
        graph = new GraphClient(settings.maxConcurrency(), CONNECT_TIMEOUT, settings.httpTimeout(),
                new OutcomeClassifier(), metrics);
        SendPipeline pipeline = new SendPipeline(serdes.deserializer(DispatchCommand.class), ledger,
                new ChannelDirectory(channelView), config.tokenCipher(),
                new GraphRequestFactory(config.meta(), new SendBodyMapper()),
                graph,
                new AccountRateLimiter(settings.textPerSecond(), settings.mediaPerSecond(), System::nanoTime),
                new Backoff(settings.retryInitial(), settings.retryMax(), settings.maxAttempts()),
                settings.rateLimitPause(), writer, metrics, clock);

        Properties consumerProps = kafka.consumer("igrelay-dispatcher-send", settings.groupId());
        consumerProps.put("max.poll.records", "500");
        consumer = new SendConsumer(new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                new ByteArrayDeserializer()), layout.name(Topics.OUTBOUND_DISPATCH), settings, pipeline, ledgerView,
                pending).start();
        return this;
    }

    /**
     * Registers the value schemas this service writes once, from one thread, before a thousand workers serialize
     * their first records at the same moment (concurrent first registrations of one subject can collide).
     */
    private static void registerOutputSchemas(AvroSerdes serdes, TopicLayout layout) {
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

    /** Whether the consumer stopped on its own (a fatal error); readiness reports it. */
    public boolean failed() {
        return consumer != null && consumer.failed();
    }

    @Override
    public void close() {
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
        if (channelView != null) {
            channelView.close();
        }
    }
}
