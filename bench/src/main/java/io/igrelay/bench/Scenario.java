package io.igrelay.bench;

import java.util.List;

/**
 * One row of the benchmark table. A scenario names the reference row it is quoted against (a reference names
 * itself), because on these noisy machines only a ratio measured in the same run on the same broker means
 * anything. A row that measures its reference itself, alternating with it, returns both from {@link #runAll}.
 * New rows implement this and are listed in {@code BenchMain.scenarios}.
 */
public interface Scenario {

    /** The row's name, unique in a run, e.g. "raw producer 1 KiB". */
    String name();

    /** The name of the row this one is compared with; {@link #name()} for a reference. */
    String reference();

    /**
     * A line for the report's notes saying what the row measures and how (registry used, targets), or empty.
     * Printed under the table, so the table itself stays one line per row.
     */
    default String note() {
        return "";
    }

    /** Runs once against the environment's broker and reports what it measured. */
    ScenarioResult run(BenchEnvironment environment) throws Exception;

    /** The table rows this scenario produces: its own, after the reference it measured itself, if any. */
    default List<ScenarioResult> runAll(BenchEnvironment environment) throws Exception {
        return List.of(run(environment));
    }
}
