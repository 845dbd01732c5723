package io.igrelay.bench.soak;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntToLongFunction;

/**
 * The latency (Meta POST → first attempt at the Application's endpoint) of the webhooks sent in one stretch of the
 * soak. An event that never arrived counts as slower than every one that did, so a window that lost more than 1 %
 * has an infinite p99 rather than a flattering one.
 */
public record LatencyWindow(double fromMinute, double toMinute, long events, long missing, double p50Ms,
                            double p99Ms) {

    /**
     * The window of events {@code from} (inclusive) to {@code to} (exclusive); {@code sent} and {@code arrived} give
     * an event's send and first-arrival System.nanoTime() (0: never arrived).
     */
    public static LatencyWindow of(double fromMinute, double toMinute, int from, int to, IntToLongFunction sent,
                                   IntToLongFunction arrived) {
        long[] micros = new long[Math.max(0, to - from)];
        int delivered = 0;
        for (int seq = from; seq < to; seq++) {
            long at = arrived.applyAsLong(seq);
            if (at != 0) {
                micros[delivered++] = Math.max(0, at - sent.applyAsLong(seq)) / 1000;
            }
        }
        long[] sorted = Arrays.copyOf(micros, delivered);
        Arrays.sort(sorted);
        int events = Math.max(0, to - from);
        return new LatencyWindow(fromMinute, toMinute, events, events - delivered, percentile(sorted, events, 0.50),
                percentile(sorted, events, 0.99));
    }

    /** Nearest rank over all events, the missing ones ranked last (then the answer is infinite). */
    static double percentile(long[] sortedDelivered, int events, double p) {
        if (events == 0) {
            return 0;
        }
        int rank = Math.max(1, (int) Math.ceil(p * events));
        return rank > sortedDelivered.length ? Double.POSITIVE_INFINITY : sortedDelivered[rank - 1] / 1000.0;
    }

    /** "min 0–10: p50 61 ms, p99 240 ms (600,000 events)". */
    public String describe() {
        return String.format(Locale.ROOT, "min %.1f–%.1f: p50 %s, p99 %s (%,d events%s)", fromMinute, toMinute,
                ms(p50Ms), ms(p99Ms), events, missing > 0 ? String.format(Locale.ROOT, ", %,d missing", missing) : "");
    }

    static String ms(double value) {
        return Double.isInfinite(value) ? "∞" : String.format(Locale.ROOT, "%.0f ms", value);
    }
}
