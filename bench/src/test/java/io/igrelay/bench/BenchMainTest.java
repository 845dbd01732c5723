package io.igrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rows of a run: references first, every row's reference runs before it, and the one-row filter keeps both. */
class BenchMainTest {

    private final List<Scenario> rows =
            BenchMain.scenarios(new BenchOptions(Duration.ofSeconds(1), Duration.ofMillis(100), 1000));

    @Test
    void shouldRunEveryReferenceBeforeTheRowsQuotedAgainstIt() {
        Set<String> seen = new HashSet<>();
        for (Scenario row : rows) {
            assertThat(seen.contains(row.reference()) || row.reference().equals(row.name()))
                    .as("reference of %s runs before it", row.name()).isTrue();
            seen.add(row.name());
        }
        assertThat(rows.subList(0, 3)).allSatisfy(r -> assertThat(r.reference()).isEqualTo(r.name()));
        assertThat(seen).hasSize(rows.size());
    }

    @Test
    void shouldListTheProcessorDispatcherAndSandboxRows() {
        List<String> names = new ArrayList<>(rows.stream().map(Scenario::name).toList());

        assertThat(names).contains("plain copy webhooks (EOS v2) (backlog)", "processor webhooks→events (backlog)",
                "processor webhooks→events e2e latency (1,000/s)", "sequential consume-call-commit (50 ms Send API)",
                "dispatcher sends (1,000 convs, 50 ms Send API)", "sandbox Send API (no latency, no echoes)");
    }

    @Test
    void shouldKeepTheReferencesOfTheRowsAFilterSelects() {
        List<String> names = BenchMain.only(rows, "Dispatcher").stream().map(Scenario::name).toList();

        assertThat(names).containsExactly("sequential consume-call-commit (50 ms Send API)",
                "dispatcher sends (1,000 convs, 50 ms Send API)");
        assertThat(BenchMain.only(rows, "")).isEqualTo(rows);
    }

    @Test
    void shouldReportAFailureWithTheCauseItWraps() {
        Exception failure = new IllegalStateException("writing webhook deliveries to t failed",
                new java.util.concurrent.TimeoutException("Expiring 12 record(s)"));

        assertThat(BenchMain.withCauses(failure)).isEqualTo("java.lang.IllegalStateException: writing webhook"
                + " deliveries to t failed <- java.util.concurrent.TimeoutException: Expiring 12 record(s)");
    }
}
