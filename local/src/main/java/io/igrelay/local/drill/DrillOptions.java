package io.igrelay.local.drill;

import java.time.Duration;
import java.util.List;

/**
 * How long each fault lasts and how long the drill waits for the hub to come back. The full form holds the outages
 * an operator meets (a minute without the registry, Meta or the Application; half a minute of a frozen broker); the
 * short form, run in CI, holds each for a few seconds and leaves out the faults that only repeat others' paths.
 */
public record DrillOptions(boolean full, Duration registryDown, Duration brokerPause, Duration brokerDown,
                           Duration spoolFill, Duration metaDown, Duration applicationDown, Duration settle,
                           Duration recoveryBound, Duration drainBound, int webhooksPerSecond, int sendsPerSecond,
                           List<String> skipped) {

    /**
     * The short form leaves out the crashes whose recovery is mostly a consumer-group session timeout or a broker
     * restart (about a minute each), so CI stays within minutes; the ingress row still kills and restarts the broker.
     */
    static final List<String> SHORT_FORM_LEAVES_OUT = List.of(FaultCatalogue.BROKER_KILLED,
            FaultCatalogue.DISPATCHER);

    public static final String USAGE = "usage: ./igrelay drill [--full]  (default: the short form, as CI runs it)";

    public static DrillOptions parse(String[] args) {
        boolean full = false;
        for (String arg : args) {
            switch (arg) {
                case "--full" -> full = true;
                case "--short" -> full = false;
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'; " + USAGE);
            }
        }
        return full ? fullForm() : shortForm();
    }

    public static DrillOptions fullForm() {
        return new DrillOptions(true, Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofSeconds(15), Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(10),
                Duration.ofSeconds(180), Duration.ofSeconds(180), 10, 2, List.of());
    }

    public static DrillOptions shortForm() {
        return new DrillOptions(false, Duration.ofSeconds(8), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(8), Duration.ofSeconds(8), Duration.ofSeconds(3),
                Duration.ofSeconds(180), Duration.ofSeconds(90), 10, 2, SHORT_FORM_LEAVES_OUT);
    }

    /** The fault names this run leaves out. */
    public DrillOptions skipping(List<String> names) {
        return new DrillOptions(full, registryDown, brokerPause, brokerDown, spoolFill, metaDown, applicationDown,
                settle, recoveryBound, drainBound, webhooksPerSecond, sendsPerSecond, List.copyOf(names));
    }
}
