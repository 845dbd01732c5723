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
 * reference row it names (or, for a row that alternated with its reference, the median ratio of the pairs and
 * their range), and its target with whether this run met it, since only ratios measured in the same run carry
 * over between machines.
 */
public final class ResultTable {

    private static final String[] HEADER = {"row", "per second", "p50 ms", "p99 ms", "vs reference (same run)",
        "target"};

    private final List<ScenarioResult> results;
    private final Map<String, ScenarioResult> byName;

    public ResultTable(List<ScenarioResult> results) {
        this.results = List.copyOf(results);
        this.byName = results.stream().collect(Collectors.toMap(ScenarioResult::scenario, Function.identity(),
                (first, second) -> second));
    }

    public List<ScenarioResult> results() {
        return results;
    }

    public String markdown() {
        var sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
        sb.append("|---|---:|---:|---:|---|---|\n");
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
                boolean left = i == 0 || i >= row.length - 2;
                String format = left ? "%-" + widths[i] + "s" : "%" + widths[i] + "s";
                sb.append(String.format(format, row[i])).append(i == row.length - 1 ? "\n" : "  ");
            }
        }
        return sb.toString();
    }

    /** records/s of this row divided by records/s of its reference row, or empty when the reference did not run. */
    public OptionalDouble ratio(ScenarioResult result) {
        if (result.comparison().isPresent()) {
            return OptionalDouble.of(result.comparison().get().medianRatio());
        }
        ScenarioResult reference = byName.get(result.reference());
        return reference == null ? OptionalDouble.empty()
                : OptionalDouble.of(result.recordsPerSecond() / reference.recordsPerSecond());
    }

    /** Targets this run did not meet, by row. */
    public List<String> unmet() {
        return results.stream().filter(r -> r.met().isPresent() && !r.met().get())
                .map(r -> r.scenario() + ": " + r.target()).toList();
    }

    private String[] cells(ScenarioResult r) {
        var latency = r.latency();
        String versus;
        if (r.isReference()) {
            versus = "reference";
        } else if (r.comparison().isPresent()) {
            versus = r.comparison().get().describe() + " " + r.reference();
        } else {
            OptionalDouble ratio = ratio(r);
            versus = ratio.isPresent() ? format("%.2f× %s", ratio.getAsDouble(), r.reference())
                    : "n/a (" + r.reference() + " did not run)";
        }
        String target = r.target().isBlank() ? "—"
                : r.met().map(met -> r.target() + (met ? " — met" : " — **not met**")).orElse(r.target());
        return new String[] {
            r.scenario(),
            format("%,.0f", r.recordsPerSecond()),
            latency.map(l -> format("%.1f", l.p50Ms())).orElse("—"),
            latency.map(l -> format("%.1f", l.p99Ms())).orElse("—"),
            versus,
            target
        };
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
