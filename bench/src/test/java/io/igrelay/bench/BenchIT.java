package io.igrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole bench path on a real broker, with one-second measurements: rows, ratios and the written report. Runs
 * the references and the cheap sandbox row only; the service rows each start a Streams app or a dispatcher and
 * are exercised by ./igrelay bench --quick, to keep mvn verify fast.
 */
class BenchIT {

    @TempDir
    Path results;

    @Test
    void shouldMeasureTheReferencesAndWriteTheTable() throws Exception {
        var options = new BenchOptions(Duration.ofSeconds(1), Duration.ofMillis(200), 20_000);

        var rows = new java.util.ArrayList<>(BenchMain.references(options));
        rows.add(new io.igrelay.bench.sandbox.SandboxSendApiScenario());

        boolean ok = BenchMain.run(options, rows, results);

        assertThat(ok).isTrue();
        String latest = Files.readString(results.resolve("latest.md"));
        assertThat(latest).contains("| raw producer 1 KiB |", "| raw producer 512 B |", "| raw consumer 1 KiB |")
                .contains("| sandbox Send API (no latency, no echoes) |", "n/a (dispatcher sends")
                .contains("1.00× (reference)", "Notes:").doesNotContain("Failed scenarios");
        try (var files = Files.list(results)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.matches("\\d{4}-.*Z\\.md"));
        }
    }
}
