package io.igrelay.bench;

import java.time.Duration;
import java.util.Optional;

/**
 * What one scenario measured: how many records (or requests) of how many bytes in how long, and, where the
 * scenario waits for an answer per record, the latency distribution of those answers.
 */
public record ScenarioResult(String scenario, String reference, long records, long bytes, Duration elapsed,
                             Optional<LatencySummary> latency) {

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
