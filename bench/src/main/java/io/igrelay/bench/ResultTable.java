package io.igrelay.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The benchmark table, for the terminal and as Markdown: one row per scenario, each with its ratio against the
 * reference row it names, since only ratios measured in the same run carry over between machines.
 */
public final class ResultTable {

    private static final String[] HEADER =
            {"scenario", "records/s", "MiB/s", "p50 ms", "p99 ms", "p99.9 ms", "vs reference"};

    private final List<ScenarioResult> results;
    private final Map<String, ScenarioResult> byName;

    public ResultTable(List<ScenarioResult> results) {
        this.results = List.copyOf(results);
        this.byName = results.stream().collect(Collectors.toMap(ScenarioResult::scenario, Function.identity()));
    }

    public String markdown() {
        var sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---|\n");
        for (ScenarioResult result : results) {
            sb.append("| ").append(String.join(" | ", cells(result))).append(" |\n");
        }
        return sb.toString();
    }

    public String text() {
        int[] widths = new int[HEADER.length];
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        results.forEach(r -> rows.add(cells(r)));
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        var sb = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                String format = i == 0 || i == row.length - 1 ? "%-" + widths[i] + "s" : "%" + widths[i] + "s";
                sb.append(String.format(format, row[i])).append(i == row.length - 1 ? "\n" : "  ");
            }
        }
        return sb.toString();
    }

    /** records/s of this row divided by records/s of its reference row, or empty when the reference did not run. */
    public OptionalDouble ratio(ScenarioResult result) {
        ScenarioResult reference = byName.get(result.reference());
        return reference == null ? OptionalDouble.empty()
                : OptionalDouble.of(result.recordsPerSecond() / reference.recordsPerSecond());
    }

    private String[] cells(ScenarioResult r) {
        var latency = r.latency();
        var ratio = ratio(r);
        String versus = r.isReference() ? "1.00× (reference)"
                : ratio.isPresent() ? format("%.2f× %s", ratio.getAsDouble(), r.reference())
                : "n/a (" + r.reference() + " did not run)";
        return new String[] {
            r.scenario(),
            format("%,.0f", r.recordsPerSecond()),
            format("%.1f", r.mebibytesPerSecond()),
            latency.map(l -> format("%.1f", l.p50Ms())).orElse("—"),
            latency.map(l -> format("%.1f", l.p99Ms())).orElse("—"),
            latency.map(l -> format("%.1f", l.p999Ms())).orElse("—"),
            versus
        };
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
