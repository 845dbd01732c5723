package io.igrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    private final ScenarioResult reference = new ScenarioResult("raw producer 1 KiB", "raw producer 1 KiB",
            100_000, 100_000L * 1024, Duration.ofSeconds(1),
            Optional.of(new LatencySummary(100_000, 3.0, 12.5, 20.0, 40.0)));
    private final ScenarioResult ingress = new ScenarioResult("ingress webhooks 1 KiB", "raw producer 1 KiB",
            40_000, 40_000L * 1024, Duration.ofSeconds(1), Optional.empty());

    @Test
    void shouldQuoteEachRowAgainstItsReference() {
        var table = new ResultTable(List.of(reference, ingress));

        assertThat(table.ratio(ingress)).hasValue(0.4);
        assertThat(table.markdown()).contains("| ingress webhooks 1 KiB | 40,000 | — | — | 0.40× raw producer 1 KiB | — |");
    }

    @Test
    void shouldMarkAReferenceRow() {
        var table = new ResultTable(List.of(reference));

        assertThat(table.markdown()).contains("| raw producer 1 KiB | 100,000 | 3.0 | 12.5 | reference | — |");
        assertThat(table.text()).contains("raw producer 1 KiB").contains("reference");
    }

    @Test
    void shouldSayWhenTheReferenceDidNotRun() {
        var table = new ResultTable(List.of(ingress));

        assertThat(table.ratio(ingress)).isEmpty();
        assertThat(table.markdown()).contains("n/a (raw producer 1 KiB did not run)");
    }

    @Test
    void shouldQuoteTheMedianRatioAndRangeOfARowThatAlternatedWithItsReference() {
        ScenarioResult row = ingress.withComparison(new Comparison(List.of(50.0, 45.0, 60.0), List.of(100.0, 100.0,
                100.0)));

        var table = new ResultTable(List.of(row));

        assertThat(table.ratio(row)).hasValue(0.5);
        assertThat(table.markdown()).contains("0.50× (median of 3 pairs; 0.45–0.60×) raw producer 1 KiB");
    }

    @Test
    void shouldSayWhetherTheRunMetItsTarget() {
        var table = new ResultTable(List.of(reference.withTarget("≥ 1", true), ingress.withTarget("≥ 0.50×", false),
                ingress.reported("reported")));

        assertThat(table.markdown()).contains("| ≥ 1 — met |", "| ≥ 0.50× — **not met** |", "| reported |");
        assertThat(table.unmet()).containsExactly("ingress webhooks 1 KiB: ≥ 0.50×");
    }
}
