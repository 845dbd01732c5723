package io.igrelay.bench.soak;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The soak's two targets, judged from its samples: no service's post-GC heap grows more than 10 % from
 * {@link SoakWindows#heapFromMinute()} to the end (by its {@link MemoryTrend}), and the p99 of every later latency
 * window stays within 20 % above the first window's. Getting faster is fine; a window with more than 1 % of its
 * webhooks undelivered has an infinite p99 and fails.
 */
public record SoakVerdict(List<MemoryTrend> trends, List<String> unjudged, List<LatencyWindow> windows) {

    public static final double HEAP_GROWTH_LIMIT = 0.10;
    public static final double P99_RISE_LIMIT = 0.20;

    /** Every service had a trend and none grew past the limit. */
    public boolean heapMet() {
        return unjudged.isEmpty() && !trends.isEmpty() && trends.stream().allMatch(t -> t.within(HEAP_GROWTH_LIMIT));
    }

    /** The first window's p99 was finite and no later full-width window's p99 rose more than the limit above it. */
    public boolean latencyMet() {
        if (windows.isEmpty() || Double.isInfinite(windows.get(0).p99Ms())) {
            return false;
        }
        double limit = windows.get(0).p99Ms() * (1 + P99_RISE_LIMIT);
        return windows.stream().skip(1).allMatch(w -> w.p99Ms() <= limit);
    }

    public boolean met() {
        return heapMet() && latencyMet();
    }

    /** The highest later window's p99 over the first's, as a fraction (0.12 = +12 %); NaN without two windows. */
    public double worstP99Rise() {
        if (windows.size() < 2) {
            return Double.NaN;
        }
        double first = windows.get(0).p99Ms();
        return windows.stream().skip(1).mapToDouble(LatencyWindow::p99Ms).max().orElse(first) / first - 1;
    }

    public String describe() {
        String heap = trends.stream().map(MemoryTrend::describe).collect(Collectors.joining("; "))
                + (unjudged.isEmpty() ? "" : "; not judged (fewer than two readings): " + String.join(", ", unjudged));
        String p99 = windows.stream().map(LatencyWindow::describe).collect(Collectors.joining("; "));
        return String.format(Locale.ROOT, "post-GC heap %s — %s; webhook → 1st attempt %s — %s (worst window %s)",
                heap, heapMet() ? "met" : "NOT met", p99, latencyMet() ? "met" : "NOT met",
                Double.isNaN(worstP99Rise()) ? "n/a" : Double.isInfinite(worstP99Rise()) ? "∞"
                        : String.format(Locale.ROOT, "%+.0f %%", worstP99Rise() * 100));
    }
}
