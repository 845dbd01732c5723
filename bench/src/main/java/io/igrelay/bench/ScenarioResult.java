package io.igrelay.bench;

import java.time.Duration;
import java.util.Optional;

/**
 * What one scenario measured: how many records (or requests) of how many bytes in how long, and, where the
 * scenario waits for an answer per record, the latency distribution of those answers. A row that measures its
 * reference itself, alternating runs, carries the {@link Comparison}; a row with a target says what it is and
 * whether this run met it.
 */
public record ScenarioResult(String scenario, String reference, long records, long bytes, Duration elapsed,
                             Optional<LatencySummary> latency, Optional<Comparison> comparison, String target,
                             Optional<Boolean> met) {

    public ScenarioResult(String scenario, String reference, long records, long bytes, Duration elapsed,
                          Optional<LatencySummary> latency) {
        this(scenario, reference, records, bytes, elapsed, latency, Optional.empty(), "", Optional.empty());
    }

    public ScenarioResult withComparison(Comparison value) {
        return new ScenarioResult(scenario, reference, records, bytes, elapsed, latency, Optional.of(value), target,
                met);
    }

    /** The row's target in words ("≥ 0.50× the copy, median") and whether this run met it. */
    public ScenarioResult withTarget(String text, boolean wasMet) {
        return new ScenarioResult(scenario, reference, records, bytes, elapsed, latency, comparison, text,
                Optional.of(wasMet));
    }

    /** A target that is reported, not judged (a latency beside a reference, say). */
    public ScenarioResult reported(String text) {
        return new ScenarioResult(scenario, reference, records, bytes, elapsed, latency, comparison, text,
                Optional.empty());
    }

    public double recordsPerSecond() {
        return records / seconds();
    }

    /** MiB per second, as Kafka's own perf tools count it. */
    public double mebibytesPerSecond() {
        return bytes / seconds() / (1024.0 * 1024.0);
    }

    public boolean isReference() {
        return scenario.equals(reference);
    }

    private double seconds() {
        return Math.max(elapsed.toNanos(), 1) / 1e9;
    }
}
