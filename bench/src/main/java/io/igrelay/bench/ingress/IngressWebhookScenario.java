package io.igrelay.bench.ingress;

import io.igrelay.bench.BenchEnvironment;
import io.igrelay.bench.RawProducerScenario;
import io.igrelay.bench.Scenario;
import io.igrelay.bench.ScenarioResult;
import io.igrelay.ingress.IngressService;
import io.igrelay.ingress.config.IngressConfig;
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
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * contract §9.1: signed ~1 KiB webhooks through a real ingress (signature check, Avro envelope, idempotent
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
    private volatile double offered;

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
    public String note() {
        return switch (mode) {
            case MAX -> String.format("closed loop, %d keep-alive connections with one request outstanding each "
                    + "(Meta delivers concurrently); target >= 0.50x the raw producer", concurrency);
            case TENTH_OF_RAW -> String.format("open loop at %.0f/s = a tenth of the raw producer's %.0f/s measured "
                    + "just before this row (same settings); target p99 <= 25 ms", offered, offered * 10);
            case FIXED_RATE -> String.format("open loop at %.0f/s", fixedRate);
        };
    }

    @Override
    public ScenarioResult run(BenchEnvironment environment) throws Exception {
        double rate = mode == Mode.TENTH_OF_RAW ? rawProducerRate(environment) / 10 : fixedRate;
        offered = rate;
        Path spool = Files.createTempDirectory("bench-ingress-spool");
        try (StubSchemaRegistry registry = new StubSchemaRegistry();
             IngressService ingress = new IngressService(IngressConfig.fromEnv(
                     env(environment.bootstrapServers(), registry.url(), spool))).start();
             WebhookLoad load = new WebhookLoad(ingress.port(), SECRET, SIZE, mode == Mode.MAX ? concurrency : 512)) {
            WebhookLoad.Outcome outcome;
            Duration warmUp = warmUp(environment);
            if (mode == Mode.MAX) {
                load.closedLoop(concurrency, warmUp);
                outcome = load.closedLoop(concurrency, environment.measureFor());
            } else {
                load.openLoop(rate, warmUp);
                outcome = load.openLoop(rate, environment.measureFor());
            }
            if (outcome.failed() > 0) {
                throw new IllegalStateException(outcome.failed() + " deliveries were not answered 200");
            }
            ScenarioResult result = new ScenarioResult(name(), reference(), outcome.ok(),
                    outcome.ok() * load.bodySize(), outcome.elapsed(), Optional.of(outcome.latencies().summary()));
            return mode == Mode.TENTH_OF_RAW
                    ? result.withTarget("p99 ≤ 25 ms", result.latency().orElseThrow().p99Ms() <= 25) : result;
        } finally {
            deleteRecursively(spool);
        }
    }

    /**
     * The HTTP, signature, Avro and acknowledged-send paths are compiled only once requests flow, and on two cores
     * the JIT then takes most of a core for several seconds (profiles: ~45 s of C2 time in a one-minute run, most
     * of it inside the measured seconds with a 2 s warm-up). The rows measure the steady state, so they warm up for
     * as long as they measure (at most 10 s, never less than the run's warm-up).
     */
    static Duration warmUp(BenchEnvironment environment) {
        Duration asLongAsMeasured = environment.measureFor().compareTo(Duration.ofSeconds(10)) < 0
                ? environment.measureFor() : Duration.ofSeconds(10);
        return asLongAsMeasured.compareTo(environment.warmUpFor()) > 0 ? asLongAsMeasured : environment.warmUpFor();
    }

    /**
     * The raw producer's rate right now, measured the way its reference row measures it (same settings, payloads
     * and per-record callback; the run's warm-up, then 5 s or the run's measuring time if shorter) on a topic of
     * its own. The rows do not see each other's results, so this row takes its own reading just before it runs.
     */
    static double rawProducerRate(BenchEnvironment environment) throws Exception {
        Duration measure = environment.measureFor().compareTo(Duration.ofSeconds(5)) < 0
                ? environment.measureFor() : Duration.ofSeconds(5);
        return RawProducerScenario.measureRate(environment.bootstrapServers(), SIZE, environment.warmUpFor(),
                measure);
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
        // for trying the ingress's own settings on a bench run: -Dbench.ingress.env.NAME=value
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.ingress.env."))
                .forEach(k -> env.put(k.substring("bench.ingress.env.".length()), System.getProperty(k)));
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
