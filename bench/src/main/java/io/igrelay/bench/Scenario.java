package io.igrelay.bench;

/**
 * One row of the benchmark table. A scenario names the reference row it is quoted against (a reference names
 * itself), because on these noisy machines only a ratio measured in the same run on the same broker means
 * anything. Later rows (ingress webhooks/s, processor, dispatcher) implement this next to the raw references.
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
}
