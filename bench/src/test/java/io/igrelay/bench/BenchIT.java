package io.igrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every row of {@code ./igrelay bench} in its short form (seconds each) on a real broker, as {@code --quick} runs
 * them, so a row that no longer runs fails the build: each must produce its table line and none may fail. The
 * figures of such a run prove nothing; the targets are not judged here.
 */
class BenchIT {

    @TempDir
    Path results;

    @Test
    void shouldRunTheShortFormOfEveryRowAndWriteTheTable() throws Exception {
        Path home = Path.of("..").toAbsolutePath().normalize(); // failsafe runs in bench/
        System.getProperties().putIfAbsent("igrelay.home", home.toString()); // the local-stack row forks from there
        var options = new BenchOptions(Duration.ofSeconds(1), Duration.ofMillis(200), 1, true, false);
        List<Scenario> rows = BenchMain.scenarios();

        boolean ok = BenchMain.run(options, rows, results, home);

        try (var files = Files.list(results)) {
            Path report = files.filter(p -> p.getFileName().toString().matches("\\d{4}-.*Z-quick\\.md"))
                    .findFirst().orElseThrow();
            String table = Files.readString(report);
            assertThat(table).doesNotContain("Failed scenarios");
            assertThat(ok).isTrue();
            for (Scenario row : rows) {
                assertThat(table).as("the table line of %s", row.name()).contains("| " + row.name() + " |");
            }
            assertThat(table).contains("| raw producer 1 KiB |", "reference", "quick run");
        }
    }
}
