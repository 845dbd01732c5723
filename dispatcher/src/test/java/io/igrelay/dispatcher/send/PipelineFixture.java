package io.igrelay.dispatcher.send;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.Flavour;
import io.igrelay.avro.SendRecord;
import io.igrelay.dispatcher.Commands;
import io.igrelay.dispatcher.graph.CallOutcome;
import io.igrelay.dispatcher.graph.GraphRequest;
import io.igrelay.dispatcher.graph.GraphRequestFactory;
import io.igrelay.dispatcher.graph.SendBodyMapper;
import io.igrelay.dispatcher.limit.AccountRateLimiter;
import io.igrelay.dispatcher.limit.RestrictionGate;
import io.igrelay.dispatcher.state.ChannelSendCheck;
import io.igrelay.dispatcher.state.ChannelView;
import io.igrelay.dispatcher.state.DispatchLedger;
import io.igrelay.schemas.config.EnvReader;
import io.igrelay.schemas.config.MetaSettings;
import io.igrelay.schemas.consume.CompactedTopicView;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.schemas.failure.Backoff;
import io.igrelay.schemas.failure.FailurePolicy;
import io.igrelay.schemas.ops.HealthMonitor;
import io.igrelay.schemas.ops.Probe;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.testkit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/*
 * A SendPipeline wired to fakes: an in-memory registry, a MockProducer, views filled by hand, and a scripted Send
 * API that records the calls it got. Lets each pipeline rule be tested in isolation and without a broker.
 */
final class PipelineFixture {

    static final String TOPIC = "ig.outbound.dispatch";
    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private final MutableClock clock = new MutableClock(NOW);

    final AvroSerdes serdes = AvroSerdes.fromUrl("mem://pipeline-" + UUID.randomUUID(), Optional.empty());
    final TokenCipher cipher = TokenCipher.parse("k1:" + Base64.getEncoder().encodeToString(new byte[32]));
    /** The next write to this topic throws before it is queued (serializer, registry or closed producer). */
    volatile String failNextWriteTo;
    /** The next ledger outcome (not attempt) record throws before it is queued. */
    volatile boolean failNextOutcomeWrite;
    final MockProducer<String, Object> producer;
    final PendingWrites pending = new PendingWrites();
    /** Writes OutcomeWriter will send again, with the backoff it asked for; a test runs them when it wants. */
    final java.util.Deque<Runnable> retries = new java.util.ArrayDeque<>();
    final java.util.List<Duration> retryDelays = new java.util.ArrayList<>();
    volatile boolean closing;
    /** When set, decoding a command throws it (a registry outage, a corrupt record). */
    volatile RuntimeException decodeFailure;
    /** The next this many Send API calls throw an unexpected error (a bug) instead of answering. */
    volatile int brokenCalls;
    final ChannelView channelView = new ChannelView("ig.channels");
    final CompactedTopicView<SendRecord> ledgerView = new CompactedTopicView<>("ig.dispatch.ledger",
            DispatchLedger::later);
    final HealthMonitor health = HealthMonitor.standard(Clock.fixed(NOW, ZoneOffset.UTC));
    final Probe probe = health.register("send-consumer");
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final List<GraphRequest> calls = new ArrayList<>();
    final Deque<CallOutcome> script = new ArrayDeque<>();
    final AccountRateLimiter limiter = new AccountRateLimiter(100, 10, System::nanoTime);
    final SendPipeline pipeline;
    private long offset;

    PipelineFixture() {
        this(true);
    }

    /** {@code autoAcknowledge=false}: the test acknowledges each write with producer.completeNext(). */
    PipelineFixture(boolean autoAcknowledge) {
        producer = new MockProducer<>(autoAcknowledge, null, new StringSerializer(),
                (Serializer<Object>) (topic, value) -> new byte[0]) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, Object> record,
                    Callback callback) {
                if (record.topic().equals(failNextWriteTo)) {
                    failNextWriteTo = null;
                    throw new KafkaException("broker unavailable");
                }
                if (failNextOutcomeWrite && record.value() instanceof SendRecord entry
                        && !DispatchLedger.isAttempt(entry)) {
                    failNextOutcomeWrite = false;
                    throw new KafkaException("broker unavailable");
                }
                return super.send(record, callback);
            }
        };
        MetaSettings meta = MetaSettings.read(new EnvReader(Map.of("META_APP_ID", "1", "META_APP_SECRET", "s",
                "GRAPH_FACEBOOK_URL", "http://fb.test", "GRAPH_INSTAGRAM_URL", "http://ig.test")));
        DispatchLedger ledger = new DispatchLedger(ledgerView);
        SendApi api = call -> {
            if (brokenCalls > 0) {
                brokenCalls--;
                throw new IllegalStateException("bug in the call");
            }
            calls.add(call);
            return script.isEmpty() ? new CallOutcome.Delivered(Optional.of("mid-" + calls.size())) : script.poll();
        };
        Deserializer<DispatchCommand> real = serdes.deserializer(DispatchCommand.class);
        Deserializer<DispatchCommand> commands = (topic, bytes) -> {
            RuntimeException failure = decodeFailure;
            if (failure != null) {
                throw failure;
            }
            return real.deserialize(topic, bytes);
        };
        pipeline = new SendPipeline(commands, ledger,
                new ChannelSendCheck(channelView), cipher, new GraphRequestFactory(meta, new SendBodyMapper()), api,
                limiter, new Backoff(Duration.ofMillis(10), Duration.ofMillis(80), 3), Duration.ofSeconds(5),
                new OutcomeWriter(producer, new OutcomeWriter.TopicNames("ig.dispatch.ledger", "ig.message.status",
                        "ig.channel.events", "ig.outbound.dlq"), ledger, Runnable::run, this::retryLater, pending,
                        clock),
                new SendMetrics(registry), new FailurePolicy(new Backoff(Duration.ofMillis(10), Duration.ofMillis(80),
                        Integer.MAX_VALUE), 3), probe, clock, new RestrictionGate(Duration.ofMinutes(30)));
        channel(ChannelStatus.ACTIVE);
    }

    private void retryLater(Runnable task, Duration delay) {
        if (closing) {
            throw new java.util.concurrent.RejectedExecutionException("closing");
        }
        retryDelays.add(delay);
        retries.add(task);
    }

    /** Runs the retries queued so far. */
    void runRetries() {
        for (int n = retries.size(); n > 0; n--) {
            retries.poll().run();
        }
    }

    /** Moves the pipeline's clock (a command's notAfter is compared with it). */
    void clockAt(Instant instant) {
        clock.set(instant);
    }

    void channel(ChannelStatus status) {
        channelView.apply(Commands.CHANNEL, Channel.newBuilder().setChannelId(Commands.CHANNEL)
                .setApplicationId("app-1").setIgUserId(Commands.ACCOUNT).setUsername("fixture.shop")
                .setFlavour(Flavour.INSTAGRAM_LOGIN).setToken(cipher.encrypt("IGAA-test-token"))
                .setStatus(status).setConnectedAt(NOW).setUpdatedAt(NOW).build());
    }

    ConsumerRecord<String, byte[]> record(DispatchCommand command) {
        byte[] value = serdes.forType(DispatchCommand.class).serializer().serialize(TOPIC, command);
        return record(value);
    }

    ConsumerRecord<String, byte[]> record(byte[] value) {
        return new ConsumerRecord<>(TOPIC, 0, offset++, Commands.key(), value);
    }

    List<Object> written(String topic) {
        return producer.history().stream().filter(r -> r.topic().equals(topic)).map(r -> (Object) r.value())
                .toList();
    }

    /** The ledger records that are outcomes (not the attempt records written before a first call). */
    List<SendRecord> outcomes() {
        return written("ig.dispatch.ledger").stream().map(SendRecord.class::cast)
                .filter(r -> !DispatchLedger.isAttempt(r)).toList();
    }

    double counter(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }
}
