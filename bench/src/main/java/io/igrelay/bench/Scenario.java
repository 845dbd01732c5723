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

    /** Runs once against the environment's broker and reports what it measured. */
    ScenarioResult run(BenchEnvironment environment) throws Exception;
}
