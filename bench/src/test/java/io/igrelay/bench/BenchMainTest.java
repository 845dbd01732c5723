package io.igrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.igrelay.bench.dispatcher.DispatcherSendScenario;
import io.igrelay.bench.dispatcher.SequentialSendLoopScenario;
import io.igrelay.bench.e2e.EndToEndScenario;
import io.igrelay.bench.processor.ProcessorVersusCopyScenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The rows of a run: references first, every row's reference runs before it or with it, and the one-row filter. */
class BenchMainTest {

    private final List<Scenario> rows = BenchMain.scenarios();

    @Test
    void shouldRunEveryReferenceBeforeTheRowsQuotedAgainstItUnlessTheRowMeasuresItItself() {
        Set<String> seen = new HashSet<>();
        Set<String> names = new HashSet<>();
        rows.forEach(r -> names.add(r.name()));
        for (Scenario row : rows) {
            if (names.contains(row.reference())) {
                assertThat(seen.contains(row.reference()) || row.reference().equals(row.name()))
                        .as("reference of %s runs before it", row.name()).isTrue();
            }
            seen.add(row.name());
        }
        assertThat(rows.subList(0, 2)).allSatisfy(r -> assertThat(r.reference()).isEqualTo(r.name()));
        assertThat(seen).hasSize(rows.size());
    }

    @Test
    void shouldListTheRowsTheTargetsAreAbout() {
        List<String> names = rows.stream().map(Scenario::name).toList();

        assertThat(names).contains(ProcessorVersusCopyScenario.NAME, DispatcherSendScenario.NAME,
                EndToEndScenario.NAME, "ingress signed webhooks, 256 connections (wrk)",
                "ingress signed webhooks, 64 connections (wrk)");
    }

    @Test
    void shouldKeepTheReferencesOfTheRowsAFilterSelects() {
        List<String> names = BenchMain.only(rows, "Dispatcher sends").stream().map(Scenario::name).toList();

        assertThat(names).containsExactly(SequentialSendLoopScenario.NAME, DispatcherSendScenario.NAME);
        assertThat(BenchMain.only(rows, "")).isEqualTo(rows);
    }

    @Test
    void shouldReportAFailureWithTheCauseItWraps() {
        Exception failure = new IllegalStateException("writing webhook deliveries to t failed",
                new TimeoutException("Expiring 12 record(s)"));

        assertThat(BenchMain.withCauses(failure)).isEqualTo("java.lang.IllegalStateException: writing webhook"
                + " deliveries to t failed <- java.util.concurrent.TimeoutException: Expiring 12 record(s)");
    }

    @Test
    void shouldRunAFailedRowOnceMoreInTheShortFormOnlyAndNoteTheFirstFailure() throws Exception {
        var quick = new BenchEnvironment("localhost:1", Duration.ofSeconds(1), Duration.ZERO, 1, true, 0);
        var full = new BenchEnvironment("localhost:1", Duration.ofSeconds(1), Duration.ZERO, 1, false, 0);
        List<String> notes = new ArrayList<>();

        assertThat(BenchMain.runRow(new FailsFirst(1), quick, notes)).hasSize(1);
        assertThat(notes).singleElement().asString().contains("first short-form try failed", "stall 1");
        assertThatThrownBy(() -> BenchMain.runRow(new FailsFirst(2), quick, new ArrayList<>()))
                .hasMessage("stall 2");
        assertThatThrownBy(() -> BenchMain.runRow(new FailsFirst(1), full, new ArrayList<>()))
                .hasMessage("stall 1");
    }

    /** A row whose first {@code failures} runs throw. */
    private static final class FailsFirst implements Scenario {
        private final int failures;
        private int runs;

        FailsFirst(int failures) {
            this.failures = failures;
        }

        @Override
        public String name() {
            return "flaky";
        }

        @Override
        public String reference() {
            return name();
        }

        @Override
        public ScenarioResult run(BenchEnvironment environment) {
            if (++runs <= failures) {
                throw new IllegalStateException("stall " + runs);
            }
            return new ScenarioResult(name(), reference(), 10, 0, Duration.ofSeconds(1), Optional.empty());
        }
    }
}
