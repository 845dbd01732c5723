package io.igrelay.bench;

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
        BenchOptions options = BenchOptions.parse(args);
        Path home = Path.of(System.getProperty("igrelay.home", ".")).toAbsolutePath().normalize();
        Path results = Path.of(System.getProperty("bench.results", home.resolve("bench/results").toString()));
        boolean ok = run(options, scenarios(options), results);
        System.exit(ok ? 0 : 1);
    }

    /** The rows of a run, references first; later issues add their scenarios here. */
    static List<Scenario> scenarios(BenchOptions options) {
        return List.of(
                new RawProducerScenario(1024),
                new RawProducerScenario(512),
                new RawConsumerScenario(1024, options.consumerRecords()));
    }

    /** Runs the scenarios and writes the report; false when a scenario failed. */
    static boolean run(BenchOptions options, List<Scenario> scenarios, Path resultsDir) throws IOException {
        Path temp = Files.createTempDirectory("igrelay-bench-");
        List<ScenarioResult> measured = new ArrayList<>();
        List<String> failures = new ArrayList<>();
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
                try {
                    ScenarioResult result = scenario.run(environment);
                    measured.add(result);
                    System.out.printf("%,.0f records/s%n", result.recordsPerSecond());
                } catch (Exception e) {
                    System.out.println("FAILED: " + e.getMessage());
                    failures.add(scenario.name() + ": " + e);
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
        Path file = BenchReport.write(resultsDir, BenchReport.markdown(table, options, at, failures), at);
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
}
