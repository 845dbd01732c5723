package io.igrelay.bench.dispatcher;

import io.igrelay.bench.BenchEnvironment;
import io.igrelay.bench.BenchKafka;
import io.igrelay.bench.Scenario;
import io.igrelay.bench.ScenarioResult;
import io.igrelay.dispatcher.DispatcherConfig;
import io.igrelay.dispatcher.send.SendService;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Send API calls per second through the real dispatcher send path (SendService as DispatcherService wires it:
 * parallel consumer keyed by conversation, ledger, channel check, token decryption, token buckets at their default
 * per-account limits, outcome records) against the sandbox answering each call after 20–120 ms (uniform, seeded),
 * over 2,000 conversations on 200 accounts, so the limits are not what bounds it. Timed from producing the first
 * command to the sandbox counting the last call. Order and one call in flight per conversation are checked at the
 * sandbox as each call arrives ({@link OrderCheck}); the row fails if any send was refused, missing, out of order
 * or overlapping another of its conversation.
 */
public final class DispatcherSendScenario implements Scenario {

    public static final String NAME = "dispatcher sends (2,000 convs / 200 accounts, 20–120 ms Send API)";
    static final int LATENCY_MS = 20;
    static final int JITTER_MS = 100;
    static final double TARGET = 5_000;
    private static final String LABEL = "bench";

    /**
     * Warm-up rounds, each as long as the measured one. Isolated runs of this row after 1, 2 and 4 rounds measured
     * ~3,800, ~4,000 and ~6,000-6,900 sends/s: the JIT of this JVM and of the freshly started broker was still
     * compiling the send path through the first rounds, and the row is about the dispatcher's steady state.
     */
    static final int WARM_UP_ROUNDS = 4;

    private String orderOutcome = "";
    private final List<Long> warmUpRates = new ArrayList<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String reference() {
        return SequentialSendLoopScenario.NAME;
    }

    @Override
    public String note() {
        return "the dispatcher's SendService in this JVM (default DISPATCHER_MAX_CONCURRENCY 1000 and per-account"
                + " rate limits, Apache HttpClient 5, attempt record awaited before each call, outcome records not"
                + " awaited by the worker), in-process sandbox answering after 20-120 ms with Meta's per-account"
                + " limits, echoes off;"
                + " registry mem://bench; measured after " + WARM_UP_ROUNDS + " warm-up rounds of the same size ("
                + (warmUpRates.isEmpty() ? "not run" : warmUpRates.stream().map(r -> String.format("%,d", r))
                        .collect(Collectors.joining(", ")) + " sends/s") + "); target ≥ 5,000 sends/s; "
                + "order check: " + (orderOutcome.isEmpty() ? "not run" : orderOutcome);
    }

    /** 4,000 commands per configured second, at most 40,000 (the default run), at least two per conversation. */
    static int commands(Duration measureFor) {
        long n = Math.min(40_000, Math.max(4_000, measureFor.toSeconds() * 4_000));
        return (int) (n / BenchConversations.CONVERSATIONS * BenchConversations.CONVERSATIONS);
    }

    @Override
    public ScenarioResult run(BenchEnvironment environment) throws Exception {
        int total = commands(environment.measureFor());
        int perConversation = total / BenchConversations.CONVERSATIONS;
        List<BenchConversations.Conversation> conversations = BenchConversations.all();
        String prefix = BenchKafka.uniquePrefix("dispatcher");
        AvroSerdes serdes = BenchKafka.serdes();
        Duration timeout = environment.measureFor().multipliedBy(6).plusSeconds(60);
        int warmUpRounds = environment.smoke() ? 0 : WARM_UP_ROUNDS;
        try (SendSandbox sandbox = new SendSandbox(LATENCY_MS, JITTER_MS, true, 100)) {
            DispatcherConfig config = config(environment.bootstrapServers(), prefix, sandbox);
            BenchKafka.provision(config.kafka());
            ChannelSeeder.seed(environment.bootstrapServers(), config.kafka().topics().name(Topics.CHANNELS),
                    sandbox);
            String topic = config.kafka().topics().name(Topics.OUTBOUND_DISPATCH);
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            try (SendService service = new SendService(config, meters, Clock.systemUTC()).start();
                 var producer = new KafkaProducer<String, Object>(Map.of(
                         ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers(),
                         ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                         new StringSerializer(), serdes.serializer())) {
                warmUpRates.clear();
                for (int round = 0; round < warmUpRounds; round++) { // untimed; their rates go into the note
                    Duration took = round(producer, topic, sandbox, conversations, "warm-up-" + round,
                            perConversation, timeout, meters);
                    warmUpRates.add(Math.round(total / (took.toNanos() / 1e9)));
                }
                OrderCheck order = new OrderCheck(LABEL);
                sandbox.sandbox().state().observeSends(order);
                Duration elapsed = round(producer, topic, sandbox, conversations, LABEL, perConversation, timeout,
                        meters);
                check(order, sandbox, conversations.size(), perConversation);
                ScenarioResult result = new ScenarioResult(name(), reference(), total, 0, elapsed, Optional.empty());
                return result.withTarget("≥ 5,000 sends/s", result.recordsPerSecond() >= TARGET);
            }
        }
    }

    /**
     * One round: {@code perConversation} commands to each conversation, produced at once as a backlog; timed from
     * producing the first to the sandbox counting the round's last call.
     */
    private static Duration round(KafkaProducer<String, Object> producer, String topic, SendSandbox sandbox,
            List<BenchConversations.Conversation> conversations, String label, int perConversation, Duration timeout,
            SimpleMeterRegistry meters) throws InterruptedException {
        var failure = new AtomicReference<Exception>();
        long target = sandbox.sent() + (long) perConversation * conversations.size();
        long start = System.nanoTime();
        for (int n = 0; n < perConversation; n++) {
            for (var c : conversations) {
                send(producer, topic, c, label, n, failure);
            }
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("producing commands failed", failure.get());
        }
        try {
            awaitSent(sandbox, target, timeout);
        } catch (IllegalStateException e) { // what the dispatcher itself saw says where the missing sends went
            throw new IllegalStateException(e.getMessage() + "; the dispatcher's meters: "
                    + DispatcherMeters.summary(meters), e);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static void send(KafkaProducer<String, Object> producer, String topic, BenchConversations.Conversation c,
                             String label, int n, AtomicReference<Exception> failure) {
        producer.send(new ProducerRecord<>(topic, c.key(), SendCommands.command(c, label, n)), (m, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
    }

    private static void awaitSent(SendSandbox sandbox, long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sandbox.sent() < count) {
            if (sandbox.refused() > 0) {
                throw new IllegalStateException("the sandbox refused " + sandbox.refused() + " send(s)");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the sandbox got " + sandbox.sent() + " of " + count
                        + " sends within " + timeout);
            }
            Thread.sleep(2);
        }
    }

    private void check(OrderCheck order, SendSandbox sandbox, int conversations, int perConversation)
            throws InterruptedException {
        Thread.sleep(200); // a call arriving late (a repeat) would still be counted
        OrderCheck.Outcome outcome = order.outcome(conversations, perConversation);
        orderOutcome = outcome.describe() + (sandbox.refused() > 0 ? ", " + sandbox.refused() + " refused" : "");
        if (!outcome.ok() || sandbox.refused() > 0) {
            throw new IllegalStateException("per-conversation order broken: " + orderOutcome);
        }
    }

    private static DispatcherConfig config(String bootstrap, String prefix, SendSandbox sandbox) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("SCHEMA_REGISTRY_URL", BenchKafka.PLACEHOLDER_REGISTRY_URL);
        env.put("TOPIC_PREFIX", prefix);
        env.put("TOKEN_ENCRYPTION_KEYS", BenchKafka.TOKEN_KEYS);
        env.put("DISPATCHER_PORT", "0");
        env.put("DISPATCHER_GROUP_ID", prefix + "send");
        env.put("META_APP_ID", "100000000000001");
        env.put("META_APP_SECRET", "sandbox-meta-app-secret");
        env.put("INSTAGRAM_APP_ID", "200000000000002");
        env.put("INSTAGRAM_APP_SECRET", "sandbox-instagram-app-secret");
        env.put("GRAPH_INSTAGRAM_URL", sandbox.sandbox().graphInstagramUrl());
        env.put("GRAPH_FACEBOOK_URL", sandbox.sandbox().graphFacebookUrl());
        DispatcherConfig base = DispatcherConfig.fromEnv(env);
        return new DispatcherConfig(BenchKafka.withMemoryRegistry(base.kafka()), base.meta(), base.port(),
                base.tokenCipher(), base.send(), base.webhooks());
    }
}
