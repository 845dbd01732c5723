package io.igrelay.bench;

import java.util.Arrays;

/**
 * Collects latencies in microseconds, every sample kept (a 10 s run at ~100k/s is ~1M longs, 8 MB), so the
 * percentiles are exact rather than bucketed. Not thread-safe: the producer calls back on its one I/O thread.
 */
public final class LatencyRecorder {

    private long[] micros = new long[1 << 16];
    private int count;

    public void record(long nanos) {
        if (count == micros.length) {
            micros = Arrays.copyOf(micros, micros.length * 2);
        }
        micros[count++] = nanos / 1000;
    }

    public int count() {
        return count;
    }

    public LatencySummary summary() {
        long[] sorted = Arrays.copyOf(micros, count);
        Arrays.sort(sorted);
        return new LatencySummary(count, percentile(sorted, 0.50), percentile(sorted, 0.99),
                percentile(sorted, 0.999), count == 0 ? 0 : sorted[count - 1] / 1000.0);
    }

    /** Nearest-rank percentile in milliseconds. */
    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1000.0;
    }
}
