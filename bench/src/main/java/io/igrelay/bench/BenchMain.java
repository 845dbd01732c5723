package io.igrelay.bench;

import io.igrelay.bench.api.ApiToSendApiScenario;
import io.igrelay.bench.dispatcher.DispatcherSendScenario;
import io.igrelay.bench.dispatcher.SequentialSendLoopScenario;
import io.igrelay.bench.hooks.WebhookFanOutScenario;
import io.igrelay.bench.ingress.IngressWebhookScenario;
import io.igrelay.bench.processor.EndToEndLatencyScenario;
import io.igrelay.bench.processor.Pipeline;
import io.igrelay.bench.processor.ThroughputScenario;
import io.igrelay.bench.sandbox.SandboxSendApiScenario;
import io.igrelay.local.BrokerPorts;
import io.igrelay.local.KafkaBrokerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code ./igrelay bench}: starts its own broker on free ports with data in a temp folder (deleted afterwards),
 * runs every scenario against it one after the other, prints the table and writes it to bench/results/.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        // the services under test log through slf4j-simple; Kafka's routine WARNs (retries, rebalances) would bury
        // the progress lines, so only errors from Kafka's own packages are shown unless asked otherwise
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        BenchOptions options = BenchOptions.parse(args);
        Path home = Path.of(System.getProperty("igrelay.home", ".")).toAbsolutePath().normalize();
        Path results = Path.of(System.getProperty("bench.results", home.resolve("bench/results").toString()));
        boolean ok = run(options, only(scenarios(options), System.getProperty("bench.only", "")), results);
        System.exit(ok ? 0 : 1);
    }

    /** The rows of a run, references first; later issues add their scenarios here. */
    static List<Scenario> scenarios(BenchOptions options) {
        List<Scenario> rows = new ArrayList<>(references(options));
        rows.addAll(IngressWebhookScenario.rows());
        rows.add(new ThroughputScenario(Pipeline.COPY));
        rows.add(new ThroughputScenario(Pipeline.PROCESSOR));
        rows.add(new EndToEndLatencyScenario(Pipeline.COPY));
        rows.add(new EndToEndLatencyScenario(Pipeline.PROCESSOR));
        rows.add(new SequentialSendLoopScenario());
        rows.add(new DispatcherSendScenario());
        rows.add(new ApiToSendApiScenario());
        rows.add(new SandboxSendApiScenario());
        rows.addAll(WebhookFanOutScenario.rows()); // issue 8: Application webhooks
        return List.copyOf(rows);
    }

    /** The broker's own limits, measured first; every other row is quoted against one of these or its own. */
    static List<Scenario> references(BenchOptions options) {
        return List.of(
                new RawProducerScenario(1024),
                new RawProducerScenario(512),
                new RawConsumerScenario(1024, options.consumerRecords()));
    }

    /**
     * The rows whose name contains {@code filter} (case-insensitive), plus the references they are quoted against,
     * for working on one row: {@code IGRELAY_JAVA_OPTS=-Dbench.only=dispatcher ./igrelay bench --quick}.
     */
    static List<Scenario> only(List<Scenario> all, String filter) {
        if (filter.isBlank()) {
            return all;
        }
        String wanted = filter.toLowerCase(java.util.Locale.ROOT);
        var names = new java.util.HashSet<String>();
        for (Scenario s : all) {
            if (s.name().toLowerCase(java.util.Locale.ROOT).contains(wanted)) {
                names.add(s.name());
                names.add(s.reference());
            }
        }
        return all.stream().filter(s -> names.contains(s.name())).toList();
    }

    /** Runs the scenarios and writes the report; false when a scenario failed. */
    static boolean run(BenchOptions options, List<Scenario> scenarios, Path resultsDir) throws IOException {
        Path temp = Files.createTempDirectory("igrelay-bench-");
        List<ScenarioResult> measured = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        System.out.println("bench: starting a Kafka broker (data and log in " + temp + ", deleted afterwards)");
        KafkaBrokerProcess broker = KafkaBrokerProcess.start(temp.resolve("kafka"), BrokerPorts.free());
        Thread cleanup = new Thread(() -> {
            broker.close();
            deleteRecursively(temp);
        }, "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            var environment = new BenchEnvironment(broker.bootstrapServers(), options.measureFor(),
                    options.warmUpFor());
            for (Scenario scenario : scenarios) {
                System.out.print("bench: " + scenario.name() + " ... ");
                System.out.flush();
                long rowStart = System.nanoTime();
                try {
                    ScenarioResult result = scenario.run(environment);
                    measured.add(result);
                    if (!scenario.note().isBlank()) {
                        notes.add(scenario.name() + ": " + scenario.note());
                    }
                    System.out.printf("%,.0f records/s (row took %.0f s)%n", result.recordsPerSecond(),
                            (System.nanoTime() - rowStart) / 1e9);
                } catch (Exception e) {
                    System.out.println("FAILED: " + withCauses(e));
                    failures.add(scenario.name() + ": " + withCauses(e));
                }
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
                cleanup.run();
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is already cleaning up
            }
        }
        Instant at = Instant.now();
        var table = new ResultTable(measured);
        System.out.println();
        System.out.print(table.text());
        notes.forEach(note -> System.out.println("  * " + note));
        Path file = BenchReport.write(resultsDir, BenchReport.markdown(table, options, at, failures, notes), at);
        System.out.println("\nbench: written to " + file + " and " + resultsDir.resolve("latest.md"));
        return failures.isEmpty();
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("bench: could not delete " + dir + ": " + e.getMessage());
        }
    }

    /** The exception and its causes, so a wrapped failure (a producer's callback error, say) says what went wrong. */
    static String withCauses(Throwable e) {
        StringBuilder text = new StringBuilder(e.toString());
        Throwable cause = e.getCause();
        for (int depth = 0; cause != null && depth < 8; depth++, cause = cause.getCause()) {
            text.append(" <- ").append(cause);
        }
        return text.toString();
    }
}
