package io.igrelay.bench.ingress;

import io.igrelay.bench.BenchEnvironment;
import io.igrelay.bench.BenchFiles;
import io.igrelay.bench.BenchJvm;
import io.igrelay.bench.BenchKafka;
import io.igrelay.bench.BenchPorts;
import io.igrelay.bench.BenchTopics;
import io.igrelay.bench.Comparison;
import io.igrelay.bench.LatencySummary;
import io.igrelay.bench.Scenario;
import io.igrelay.bench.ScenarioResult;
import io.igrelay.local.ChildProcess;
import io.igrelay.schemas.config.Secret;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Signed Meta webhooks per second through the real ingress (a JVM of its own: signature, JSON inspection, Avro
 * envelope, spooling publisher, 200 after the ack) against the minimal verify-and-produce server
 * ({@link MinimalIngress}: the ingress's producer settings, same body and secret), both driven by {@code wrk} from outside the
 * JVMs at a fixed number of keep-alive connections, alternating ingress and minimal server; the row quotes the
 * median ratio of the pairs. Targets: ≥ 0.90× at 256 connections, ≥ 0.80× at 64.
 */
public final class IngressVersusMinimalScenario implements Scenario {

    private static final int SIZE = 1024;
    private static final String SECRET = "bench-app-secret";
    private static final String HEAP = "384m";

    private final int connections;

    public IngressVersusMinimalScenario(int connections) {
        this.connections = connections;
    }

    @Override
    public String name() {
        return "ingress signed webhooks, " + connections + " connections (wrk)";
    }

    @Override
    public String reference() {
        return "minimal verify-and-produce server, " + connections + " connections (wrk)";
    }

    double target() {
        return connections >= 256 ? 0.90 : 0.80;
    }

    @Override
    public String note() {
        return String.format(Locale.ROOT, "wrk -t2 -c%d from outside the JVMs, one signed ~1 KiB body, keep-alive; the "
                + "ingress (IngressMain) and the minimal server (bench MinimalIngress: HMAC check, send with the "
                + "ingress's own producer settings, 200 in the send callback) each in a JVM of its own (-Xmx%s), "
                + "1 partition; both warmed up, then alternating runs; target ≥ %.2f× the minimal server (median)",
                connections, HEAP, target());
    }

    @Override
    public ScenarioResult run(BenchEnvironment environment) throws Exception {
        List<ScenarioResult> rows = runAll(environment);
        return rows.get(rows.size() - 1);
    }

    @Override
    public List<ScenarioResult> runAll(BenchEnvironment environment) throws Exception {
        Path dir = Files.createTempDirectory("igrelay-bench-ingress-");
        String prefix = "bench-ingress-" + Long.toHexString(System.nanoTime()) + ".";
        Duration measure = environment.measureFor();
        Duration warmUp = environment.smoke() ? Duration.ofSeconds(1) : Duration.ofSeconds(10);
        try (StubSchemaRegistry registry = new StubSchemaRegistry()) {
            Map<String, String> env = env(environment.bootstrapServers(), registry.url(), prefix, dir);
            BenchTopics.create(environment.bootstrapServers(), env.get("MINIMAL_TOPIC"));
            ChildProcess ingress = BenchJvm.start("ingress", "io.igrelay.ingress.IngressMain", HEAP, env, dir,
                    ready(env.get("INGRESS_PORT")));
            Map<String, String> minimalEnv = new HashMap<>(env);
            minimalEnv.put("INGRESS_PORT", Integer.toString(BenchPorts.free()));
            try (ingress; ChildProcess minimal = BenchJvm.start("minimal", MinimalIngress.class.getName(), HEAP,
                    minimalEnv, dir, ready(minimalEnv.get("INGRESS_PORT")))) {
                Wrk wrk = new Wrk(dir, new Secret(SECRET), SIZE);
                String ingressUrl = url(env.get("INGRESS_PORT"));
                String minimalUrl = url(minimalEnv.get("INGRESS_PORT"));
                wrk.run(ingressUrl, connections, warmUp);
                wrk.run(minimalUrl, connections, warmUp);
                List<Wrk.Outcome> ingressRuns = new ArrayList<>();
                List<Wrk.Outcome> minimalRuns = new ArrayList<>();
                for (int run = 0; run < environment.runs(); run++) {
                    ingressRuns.add(wrk.run(ingressUrl, connections, measure));
                    minimalRuns.add(wrk.run(minimalUrl, connections, measure));
                }
                var comparison = new Comparison(rates(ingressRuns), rates(minimalRuns));
                ScenarioResult reference = row(reference(), reference(), minimalRuns, comparison.medianReferenceRate(),
                        measure);
                ScenarioResult row = row(name(), reference(), ingressRuns, comparison.medianRowRate(), measure)
                        .withComparison(comparison)
                        .withTarget(String.format(Locale.ROOT, "≥ %.2f× the minimal server (median)", target()),
                                comparison.medianRatio() >= target());
                return List.of(reference, row);
            }
        } finally {
            BenchTopics.deletePrefixed(environment.bootstrapServers(), prefix);
            BenchFiles.deleteRecursively(dir);
        }
    }

    private static List<Double> rates(List<Wrk.Outcome> runs) {
        return runs.stream().map(Wrk.Outcome::requestsPerSecond).toList();
    }

    /** A table row: the median rate, and the median of the runs' p50 and p99. */
    private static ScenarioResult row(String name, String reference, List<Wrk.Outcome> runs, double medianRate,
                                      Duration measure) {
        LatencySummary latency = new LatencySummary(runs.stream().mapToLong(Wrk.Outcome::requests).sum(),
                median(runs, o -> o.latency().p50Ms()), median(runs, o -> o.latency().p99Ms()),
                median(runs, o -> o.latency().p999Ms()), median(runs, o -> o.latency().maxMs()));
        long records = Math.round(medianRate * measure.toNanos() / 1e9);
        return new ScenarioResult(name, reference, records, records * SIZE, measure, Optional.of(latency));
    }

    private static double median(List<Wrk.Outcome> runs, ToDoubleFunction<Wrk.Outcome> value) {
        return Comparison.median(runs.stream().map(value::applyAsDouble).toList());
    }

    private static URI ready(String port) {
        return URI.create("http://127.0.0.1:" + port + "/health/ready");
    }

    private static String url(String port) {
        return "http://127.0.0.1:" + port + "/webhooks/instagram";
    }

    private static Map<String, String> env(String bootstrap, String registryUrl, String prefix, Path dir)
            throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("SCHEMA_REGISTRY_URL", registryUrl);
        env.put("TOPIC_PREFIX", prefix);
        env.put("TOPIC_PARTITIONS", "1");
        env.put("META_APP_ID", "1001");
        env.put("META_APP_SECRET", SECRET);
        env.put("META_VERIFY_TOKEN", "bench");
        env.put("TOKEN_ENCRYPTION_KEYS", BenchKafka.TOKEN_KEYS);
        env.put("INGRESS_PORT", Integer.toString(BenchPorts.free()));
        env.put("INGRESS_MANAGEMENT_PORT", Integer.toString(BenchPorts.free()));
        env.put("INGRESS_SPOOL_DIR", Files.createDirectories(dir.resolve("spool")).toString());
        env.put("INGRESS_INSTANCE_ID", "bench");
        env.put("MINIMAL_TOPIC", prefix + "minimal.raw");
        return env;
    }
}
