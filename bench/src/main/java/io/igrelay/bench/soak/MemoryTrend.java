package io.igrelay.bench.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How one service's post-GC heap moved from minute {@code fromMinute} to the end of the soak: a Theil–Sen line
 * through every sample from then on (the median of the slopes between all pairs of readings: one reading is one
 * full GC and can catch a batch in flight, and the line does not hang on it, not even on the last one), its slope
 * in MiB per hour, and the growth it implies over that stretch, which the target judges (≤ +10 %). The first and
 * last readings are kept beside it, for the report.
 */
public record MemoryTrend(String service, double fromMinute, double toMinute, double firstMib, double lastMib,
                          double slopeMibPerHour, double fittedFromMib, double fittedToMib) {

    /** The trend of {@code service}'s samples at or after {@code fromMinute}; empty with fewer than two of them. */
    public static Optional<MemoryTrend> of(String service, List<MemorySample> samples, double fromMinute) {
        List<MemorySample> used = samples.stream()
                .filter(s -> s.service().equals(service) && s.minute() >= fromMinute && s.heapAfterGcBytes() >= 0)
                .toList();
        if (used.size() < 2) {
            return Optional.empty();
        }
        List<Double> slopes = new ArrayList<>();
        for (int i = 0; i < used.size(); i++) {
            for (int j = i + 1; j < used.size(); j++) {
                double dx = used.get(j).minute() - used.get(i).minute();
                if (dx > 0) {
                    slopes.add((used.get(j).heapMib() - used.get(i).heapMib()) / dx);
                }
            }
        }
        double slopePerMinute = median(slopes);
        double intercept = median(used.stream().map(s -> s.heapMib() - slopePerMinute * s.minute()).toList());
        double from = used.get(0).minute();
        double to = used.get(used.size() - 1).minute();
        return Optional.of(new MemoryTrend(service, from, to, used.get(0).heapMib(),
                used.get(used.size() - 1).heapMib(), slopePerMinute * 60, intercept + slopePerMinute * from,
                intercept + slopePerMinute * to));
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The fitted line's growth from its first to its last minute, as a fraction (0.10 = +10 %). */
    public double growth() {
        return fittedFromMib <= 0 ? 0 : (fittedToMib - fittedFromMib) / fittedFromMib;
    }

    public boolean within(double limit) {
        return growth() <= limit;
    }

    /** "ingress 61.2 → 63.0 MiB (fit +2.1 %, +3.4 MiB/h)". */
    public String describe() {
        return String.format(Locale.ROOT, "%s %.1f → %.1f MiB (min %.0f → %.0f; fit %+.1f %%, %+.1f MiB/h)",
                service, firstMib, lastMib, fromMinute, toMinute, growth() * 100, slopeMibPerHour);
    }
}
