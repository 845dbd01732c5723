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
        assertThat(table.markdown()).contains("| ingress webhooks 1 KiB | 40,000 | 39.1 | — | — | — | 0.40× raw producer 1 KiB |");
    }

    @Test
    void shouldMarkAReferenceRow() {
        var table = new ResultTable(List.of(reference));

        assertThat(table.markdown())
                .contains("| raw producer 1 KiB | 100,000 | 97.7 | 3.0 | 12.5 | 20.0 | 1.00× (reference) |");
        assertThat(table.text()).contains("raw producer 1 KiB").contains("1.00× (reference)");
    }

    @Test
    void shouldSayWhenTheReferenceDidNotRun() {
        var table = new ResultTable(List.of(ingress));

        assertThat(table.ratio(ingress)).isEmpty();
        assertThat(table.markdown()).contains("n/a (raw producer 1 KiB did not run)");
    }
}
