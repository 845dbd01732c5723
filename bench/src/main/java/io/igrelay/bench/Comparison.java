package io.igrelay.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A row against its reference over several alternating runs (A, B, A, B, …): the ratio of each pair, their median
 * and their range. One run is noise on a shared 2-core machine (±40 % run to run), so a claim quotes the median of
 * the pairs and shows the spread beside it, never the best pair.
 */
public record Comparison(List<Double> rowRates, List<Double> referenceRates) {

    public Comparison {
        if (rowRates.size() != referenceRates.size() || rowRates.isEmpty()) {
            throw new IllegalArgumentException("a comparison needs as many reference runs as row runs, at least one");
        }
        rowRates = List.copyOf(rowRates);
        referenceRates = List.copyOf(referenceRates);
    }

    public List<Double> ratios() {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < rowRates.size(); i++) {
            ratios.add(rowRates.get(i) / referenceRates.get(i));
        }
        return ratios;
    }

    public double medianRatio() {
        return median(ratios());
    }

    public double minRatio() {
        return ratios().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    public double maxRatio() {
        return ratios().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    public double medianRowRate() {
        return median(rowRates);
    }

    public double medianReferenceRate() {
        return median(referenceRates);
    }

    public int runs() {
        return rowRates.size();
    }

    /** "0.55× (median of 3 pairs; 0.50–0.61×)", or "0.55× (1 pair)". */
    public String describe() {
        if (runs() == 1) {
            return String.format(Locale.ROOT, "%.2f× (1 pair)", medianRatio());
        }
        return String.format(Locale.ROOT, "%.2f× (median of %d pairs; %.2f–%.2f×)", medianRatio(), runs(),
                minRatio(), maxRatio());
    }

    /** The median (the mean of the middle two for an even count). */
    public static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
