package io.igrelay.bench.ingress;

import io.igrelay.bench.BenchEnvironment;
import io.igrelay.bench.RawProducerScenario;
import io.igrelay.bench.Scenario;
import io.igrelay.bench.ScenarioResult;
import io.igrelay.ingress.IngressConfig;
import io.igrelay.ingress.IngressService;
import io.igrelay.schemas.config.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * SPEC 9.1 / issue 4: signed ~1 KiB webhooks through a real ingress (signature check, Avro envelope, idempotent
 * acks=all producer, 200 after the ack) against the raw producer on the same broker. Two rows: the most the ingress
 * answers per second with many requests outstanding (target ≥ 50% of the raw producer), and the latency to 200 at
 * a tenth of the raw producer's rate (target p99 ≤ 25 ms), for which the raw rate is measured briefly first.
 */
public final class IngressWebhookScenario implements Scenario {

    public enum Mode { MAX, TENTH_OF_RAW, FIXED_RATE }

    private static final int SIZE = 1024;
    private static final Secret SECRET = new Secret("bench-app-secret");

    private final Mode mode;
    private final int concurrency;
    private final double fixedRate;

    public IngressWebhookScenario(Mode mode, int concurrency) {
        this(mode, concurrency, 0);
    }

    /** A diagnostic row: latency to 200 at a fixed offered rate (requests per second). */
    public static IngressWebhookScenario atRate(double perSecond) {
        return new IngressWebhookScenario(Mode.FIXED_RATE, 0, perSecond);
    }

    private IngressWebhookScenario(Mode mode, int concurrency, double fixedRate) {
        this.mode = mode;
        this.concurrency = concurrency;
        this.fixedRate = fixedRate;
    }

    /** The two rows, as BenchMain lists them after the raw references. */
    public static List<Scenario> rows() {
        return List.of(new IngressWebhookScenario(Mode.MAX, 256), new IngressWebhookScenario(Mode.TENTH_OF_RAW, 0));
    }

    @Override
    public String name() {
        return switch (mode) {
            case MAX -> "ingress webhooks 1 KiB (max)";
            case TENTH_OF_RAW -> "ingress webhooks 1 KiB (10% of raw rate)";
            case FIXED_RATE -> String.format("ingress webhooks 1 KiB (%.0f/s)", fixedRate);
        };
    }

    @Override
    public String reference() {
        return RawProducerScenario.nameFor(SIZE);
    }

    @Override
    public ScenarioResult run(BenchEnvironment environment) throws Exception {
        double rate = mode == Mode.TENTH_OF_RAW ? rawProducerRate(environment.bootstrapServers()) / 10 : fixedRate;
        Path spool = Files.createTempDirectory("bench-ingress-spool");
        try (StubSchemaRegistry registry = new StubSchemaRegistry();
             IngressService ingress = new IngressService(IngressConfig.fromEnv(
                     env(environment.bootstrapServers(), registry.url(), spool))).start();
             WebhookLoad load = new WebhookLoad(ingress.port(), SECRET, SIZE, mode == Mode.MAX ? concurrency : 512)) {
            WebhookLoad.Outcome outcome;
            if (mode == Mode.MAX) {
                load.closedLoop(concurrency, environment.warmUpFor());
                outcome = load.closedLoop(concurrency, environment.measureFor());
            } else {
                load.openLoop(rate, environment.warmUpFor());
                outcome = load.openLoop(rate, environment.measureFor());
            }
            if (outcome.failed() > 0) {
                throw new IllegalStateException(outcome.failed() + " deliveries were not answered 200");
            }
            return new ScenarioResult(name(), reference(), outcome.ok(), outcome.ok() * load.bodySize(),
                    outcome.elapsed(), Optional.of(outcome.latencies().summary()));
        } finally {
            deleteRecursively(spool);
        }
    }

    /** The raw producer's rate right now (3 s, same settings as the reference row, its own topic). */
    private static double rawProducerRate(String bootstrap) throws Exception {
        String topic = "bench.ingress-calibration." + Long.toHexString(System.nanoTime());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        byte[] payload = new byte[SIZE];
        new java.util.Random(1).nextBytes(payload);
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        try (var producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(3);
            long sent = 0;
            while (System.nanoTime() < end) {
                producer.send(new ProducerRecord<>(topic, payload));
                sent++;
            }
            producer.flush();
            return sent / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static Map<String, String> env(String bootstrap, String registryUrl, Path spool) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("SCHEMA_REGISTRY_URL", registryUrl);
        env.put("TOPIC_PREFIX", "bench-ingress-" + Long.toHexString(System.nanoTime()) + ".");
        env.put("TOPIC_PARTITIONS", "1");
        env.put("META_APP_ID", "1001");
        env.put("META_APP_SECRET", SECRET.value());
        env.put("META_VERIFY_TOKEN", "bench");
        env.put("TOKEN_ENCRYPTION_KEYS", "k1:" + Base64.getEncoder().encodeToString(new byte[32]));
        env.put("INGRESS_PORT", Integer.toString(freePort()));
        env.put("INGRESS_MANAGEMENT_PORT", Integer.toString(freePort()));
        env.put("INGRESS_SPOOL_DIR", spool.toString());
        env.put("INGRESS_INSTANCE_ID", "bench");
        return env;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
