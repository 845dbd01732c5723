package io.igrelay.bench;

import io.igrelay.bench.api.ApiToSendApiScenario;
import io.igrelay.bench.dispatcher.DispatcherSendScenario;
import io.igrelay.bench.dispatcher.SequentialSendLoopScenario;
import io.igrelay.bench.e2e.EndToEndScenario;
import io.igrelay.bench.hooks.CommentWebhookScenario;
import io.igrelay.bench.hooks.WebhookFanOutScenario;
import io.igrelay.bench.ingress.IngressVersusMinimalScenario;
import io.igrelay.bench.ingress.IngressWebhookScenario;
import io.igrelay.bench.processor.EndToEndLatencyScenario;
import io.igrelay.bench.processor.Pipeline;
import io.igrelay.bench.processor.ProcessorVersusCopyScenario;
import io.igrelay.bench.sandbox.SandboxSendApiScenario;
import io.igrelay.bench.soak.SoakScenario;
import io.igrelay.local.BrokerPorts;
import io.igrelay.local.KafkaBrokerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code ./igrelay bench}: starts its own broker on free ports with data in a temp folder (deleted afterwards),
 * runs every scenario against it one after the other, prints the table and writes it to bench/results/; with
 * {@code --readme} it also puts the table into README.md between its markers.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        // the services under test log through slf4j-simple; Kafka's routine WARNs (retries, rebalances) would bury
        // the progress lines, so only errors from Kafka's own packages are shown unless asked otherwise
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("igrelay bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path home = Path.of(System.getProperty("igrelay.home", ".")).toAbsolutePath().normalize();
        Path results = Path.of(System.getProperty("bench.results", home.resolve("bench/results").toString()));
        List<Scenario> rows = options.soak().isPresent() ? soak(options.soak().get(), results)
                : only(scenarios(), System.getProperty("bench.only", ""));
        boolean ok = run(options, rows, results, home);
        System.exit(ok ? 0 : 1);
    }

    /**
     * The rows of a run, references first. A new row is one more {@link Scenario} added here (the soak row runs
     * alone, with --soak: see {@link #soak});
     * its short form must finish in seconds, since {@code BenchIT} runs every row in CI.
     */
    static List<Scenario> scenarios() {
        List<Scenario> rows = new ArrayList<>(references());
        rows.add(new IngressVersusMinimalScenario(256));
        rows.add(new IngressVersusMinimalScenario(64));
        rows.add(new IngressWebhookScenario(IngressWebhookScenario.Mode.TENTH_OF_RAW, 0));
        rows.add(new ProcessorVersusCopyScenario());
        rows.add(new EndToEndLatencyScenario(Pipeline.COPY));
        rows.add(new EndToEndLatencyScenario(Pipeline.PROCESSOR));
        rows.add(new SequentialSendLoopScenario());
        rows.add(new DispatcherSendScenario());
        rows.add(new SandboxSendApiScenario());
        rows.add(new ApiToSendApiScenario());
        rows.addAll(WebhookFanOutScenario.rows());
        rows.add(new CommentWebhookScenario());
        rows.add(new EndToEndScenario());
        return List.copyOf(rows);
    }

    /**
     * {@code --soak}: the soak row alone (minutes to hours), after the reference it is quoted against; its PNG and
     * samples are named by the run's start time.
     */
    static List<Scenario> soak(Duration duration, Path results) {
        String stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC)
                .format(Instant.now());
        List<Scenario> rows = new ArrayList<>(references().subList(0, 1));
        rows.add(new SoakScenario(duration, results, stamp));
        return List.copyOf(rows);
    }

    /** The broker's own limits, measured first; rows that do not measure their own reference quote these. */
    static List<Scenario> references() {
        return List.of(new RawProducerScenario(1024), new RawConsumerScenario(1024));
    }

    /**
     * The rows whose name contains {@code filter} (case-insensitive), plus the references they are quoted against,
     * for working on one row: {@code IGRELAY_JAVA_OPTS=-Dbench.only=dispatcher ./igrelay bench --quick}.
     */
    static List<Scenario> only(List<Scenario> all, String filter) {
        if (filter.isBlank()) {
            return all;
        }
        String wanted = filter.toLowerCase(Locale.ROOT);
        Set<String> names = new HashSet<>();
        for (Scenario s : all) {
            if (s.name().toLowerCase(Locale.ROOT).contains(wanted)) {
                names.add(s.name());
                names.add(s.reference());
            }
        }
        return all.stream().filter(s -> names.contains(s.name())).toList();
    }

    /** Runs the scenarios and writes the report (and the README's table when asked); false when a row failed. */
    static boolean run(BenchOptions options, List<Scenario> scenarios, Path resultsDir, Path home)
            throws IOException {
        Instant started = Instant.now();
        String commit = GitCommit.describe(home); // the code this run measures, before anything can change
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
            BenchEnvironment environment = options.environment(broker.bootstrapServers(), broker.child().pid());
            for (Scenario scenario : scenarios) {
                System.out.print("bench: " + scenario.name() + " ... ");
                System.out.flush();
                long rowStart = System.nanoTime();
                try {
                    List<ScenarioResult> rows = runRow(scenario, environment, notes);
                    measured.addAll(rows);
                    if (!scenario.note().isBlank()) {
                        notes.add(scenario.name() + ": " + scenario.note());
                    }
                    ScenarioResult own = rows.get(rows.size() - 1);
                    System.out.printf(Locale.ROOT, "%,.0f/s%s (row took %.0f s)%n", own.recordsPerSecond(),
                            own.comparison().map(c -> ", " + c.describe()).orElse(""),
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
        Path file = BenchReport.write(resultsDir,
                BenchReport.markdown(table, options, started, at, commit, failures, notes), at, options.quick());
        System.out.println("\nbench: written to " + file);
        if (options.updateReadme()) {
            if (failures.isEmpty()) {
                String day = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC)
                        .format(at);
                ReadmeTable.update(home.resolve("README.md"), ReadmeTable.block(table, commit, day, file, home));
                System.out.println("bench: README.md's table replaced by this run's");
            } else {
                System.out.println("bench: README.md left as it was: a row failed");
            }
        }
        return failures.isEmpty();
    }

    /**
     * One row. The short form (CI's) runs a failed row a second time, because on a shared CI machine one stall of a
     * few seconds can push a seconds-long row past its deadline; the first failure stays in the report's notes, and a
     * row that fails twice fails the run. A full run never retries: its figures are what was measured.
     */
    static List<ScenarioResult> runRow(Scenario scenario, BenchEnvironment environment, List<String> notes)
            throws Exception {
        try {
            return scenario.runAll(environment);
        } catch (Exception first) {
            if (!environment.smoke()) {
                throw first;
            }
            System.out.print("first try failed (" + withCauses(first) + "), once more ... ");
            notes.add(scenario.name() + ": the first short-form try failed and the second ran: " + withCauses(first));
            return scenario.runAll(environment);
        }
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
