package io.igrelay.processor.testing;

import io.igrelay.avro.Application;
import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.ChannelEventType;
import io.igrelay.avro.ConversationWindow;
import io.igrelay.avro.DeadLetter;
import io.igrelay.avro.DeletionRequest;
import io.igrelay.avro.DeletionStatus;
import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.Flavour;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.OutboundMessage;
import io.igrelay.avro.WebhookDelivery;
import io.igrelay.processor.ProcessorCounters;
import io.igrelay.processor.ProcessorTopology;
import io.igrelay.processor.TopologySettings;
import io.igrelay.processor.failure.FailureConfig;
import io.igrelay.schemas.registry.SchemaRegistryClients;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.TopicLayout;
import io.igrelay.schemas.topics.TopicSpec;
import io.igrelay.schemas.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Drives the real processor topology with TopologyTestDriver: typed input and output topics over an in-memory
 * schema registry, a wall clock the test advances explicitly, and a temporary state directory deleted on close.
 * Also seeds what other services would publish (channels, Applications).
 */
public final class TopologyHarness implements AutoCloseable {

    public static final String ACCOUNT = "17841463920184527";
    public static final String APP = "app-1";
    public static final String CHANNEL = "0b9f6c52-4a55-4c0e-9d59-3a3bb5a51c11";

    public final ProcessorCounters counters = new ProcessorCounters();
    public final TestFailures failures;
    public final TopologyTestDriver driver;
    public final TestInputTopic<String, WebhookDelivery> raw;
    public final TestInputTopic<String, OutboundMessage> requests;
    public final TestInputTopic<String, MessageStatus> statusIn;
    public final TestInputTopic<String, ChannelEvent> channelEvents;
    public final TestInputTopic<String, Application> applications;
    /** ig.channels as the global store reads it (what a restore replays). */
    public final TestInputTopic<String, Channel> channelsIn;
    public final TestInputTopic<String, DeletionRequest> deletions;
    public final TestInputTopic<String, io.igrelay.avro.SendRecord> ledger;
    public final TestOutputTopic<String, InstagramEvent> events;
    public final TestOutputTopic<String, ConversationWindow> windows;
    public final TestOutputTopic<String, DispatchCommand> dispatch;
    public final TestOutputTopic<String, MessageStatus> statuses;
    public final TestOutputTopic<String, Channel> channels;
    public final TestOutputTopic<String, DeletionStatus> deletionStatus;
    public final TestOutputTopic<String, DeadLetter> deadLetters;
    public final TestInputTopic<byte[], byte[]> rawRequests;
    public final TestInputTopic<byte[], byte[]> rawStatuses;
    private final Path stateDir;
    private final AvroSerdes serdes;
    // TopologyTestDriver runs one task per sub-topology and its producer reports one partition per topic, so a
    // multicast reaches one task: the layout says one partition too, or a purge would wait for reports never sent
    private final TopicLayout layout = new TopicLayout("", 1, (short) 1, true);

    public TopologyHarness(TopologySettings settings, Instant wallClock) {
        this(settings, wallClock, new AvroSerdes(SchemaRegistryClients.fromUrl("mem://" + UUID.randomUUID(),
                Optional.empty())), new TestFailures());
    }

    /** The topology with the serdes it decodes and encodes with (e.g. over a registry a test can take away). */
    public TopologyHarness(TopologySettings settings, Instant wallClock, AvroSerdes serdes, TestFailures failures) {
        this(settings, wallClock, serdes, serdes, failures);
    }

    /**
     * @param topologySerdes what the processor uses; {@code testSerdes} what the test's topics use
     */
    public TopologyHarness(TopologySettings settings, Instant wallClock, AvroSerdes topologySerdes,
                           AvroSerdes testSerdes, TestFailures failures) {
        this.serdes = testSerdes;
        this.failures = failures;
        try {
            stateDir = Files.createTempDirectory("processor-ttd");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "processor-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        FailureConfig.install(props, failures.failures);
        driver = new TopologyTestDriver(ProcessorTopology.build(layout, topologySerdes, settings, counters,
                failures.guard), props, wallClock);
        raw = input(Topics.WEBHOOKS_RAW);
        requests = input(Topics.OUTBOUND_REQUESTS);
        statusIn = input(Topics.MESSAGE_STATUS);
        channelEvents = input(Topics.CHANNEL_EVENTS);
        applications = input(Topics.APPLICATIONS);
        channelsIn = input(Topics.CHANNELS);
        deletions = input(Topics.DELETIONS);
        ledger = input(Topics.DISPATCH_LEDGER);
        events = output(Topics.EVENTS);
        windows = output(Topics.WINDOWS);
        dispatch = output(Topics.OUTBOUND_DISPATCH);
        statuses = output(Topics.MESSAGE_STATUS);
        channels = output(Topics.CHANNELS);
        deletionStatus = output(Topics.DELETION_STATUS);
        deadLetters = output(Topics.OUTBOUND_DLQ);
        rawRequests = driver.createInputTopic(layout.name(Topics.OUTBOUND_REQUESTS),
                Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        rawStatuses = driver.createInputTopic(layout.name(Topics.MESSAGE_STATUS),
                Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
    }

    public static TopologyHarness start(boolean humanAgentEnabled, Instant wallClock) {
        return new TopologyHarness(TopologySettings.defaults(humanAgentEnabled), wallClock);
    }

    private <V> TestInputTopic<String, V> input(TopicSpec<V> spec) {
        return driver.createInputTopic(layout.name(spec), Serdes.String().serializer(),
                serdes.forType(spec.valueType()).serializer());
    }

    private <V> TestOutputTopic<String, V> output(TopicSpec<V> spec) {
        return driver.createOutputTopic(layout.name(spec), Serdes.String().deserializer(),
                serdes.forType(spec.valueType()).deserializer());
    }

    /** Connects the standard test channel (account A, username "Fixture.Shop") of {@link #APP}. */
    public void connectChannel(Instant at) {
        connect(CHANNEL, APP, ACCOUNT, "Fixture.Shop", at);
    }

    public void connect(String channelId, String applicationId, String igUserId, String username, Instant at) {
        channelEvents.pipeInput(channelId, ChannelEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                .setChannelId(channelId).setType(ChannelEventType.CONNECTED).setApplicationId(applicationId)
                .setIgUserId(igUserId).setAppScopedUserId("asid-" + igUserId).setAppId("meta-app")
                .setUsername(username).setFlavour(Flavour.INSTAGRAM_LOGIN).setAt(at).build(), at);
    }

    public void application(String applicationId, boolean humanAgentAllowed, Instant at) {
        applications.pipeInput(applicationId, Application.newBuilder().setApplicationId(applicationId)
                .setName("Test app").setHumanAgentAllowed(humanAgentAllowed).setCreatedAt(at).setUpdatedAt(at)
                .build(), at);
    }

    public void advance(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            try (Stream<Path> files = Files.walk(stateDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // best effort: the directory lives under target/tmp
            }
        }
    }
}
