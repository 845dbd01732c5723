package io.igrelay.bench.soak;

import java.time.Duration;
import java.util.Locale;

/**
 * Where the soak's targets look, for a run of {@code total}: the heap is judged from minute 5 to the end and the
 * p99 of every 10-minute window against the first one, for a run of 30 minutes or longer; a shorter run scales both
 * by its length over 30 minutes (an 8-minute run: heap from minute 1.3, windows of 2.7 minutes), and says so.
 */
public record SoakWindows(Duration total, double scale, double heapFromMinute, Duration latencyWindow) {

    static final Duration FULL = Duration.ofMinutes(30);
    static final double HEAP_FROM_MINUTE = 5;
    static final Duration LATENCY_WINDOW = Duration.ofMinutes(10);

    public static SoakWindows of(Duration total) {
        double scale = Math.min(1.0, (double) total.toMillis() / FULL.toMillis());
        return new SoakWindows(total, scale, HEAP_FROM_MINUTE * scale,
                Duration.ofMillis(Math.max(1000, (long) (LATENCY_WINDOW.toMillis() * scale))));
    }

    public boolean scaled() {
        return scale < 1.0;
    }

    public double totalMinutes() {
        return total.toMillis() / 60_000.0;
    }

    public String describe() {
        String windows = String.format(Locale.ROOT, "heap judged from minute %.1f to the end, p99 in windows of %.1f "
                + "minutes against the first", heapFromMinute, latencyWindow.toMillis() / 60_000.0);
        return scaled() ? windows + String.format(Locale.ROOT, " (a %.0f-minute run: the 30-minute windows "
                + "scaled by %.2f)", totalMinutes(), scale) : windows;
    }
}
