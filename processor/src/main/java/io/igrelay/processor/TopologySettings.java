package io.igrelay.processor;

import io.igrelay.processor.windows.WindowRules;
import java.time.Duration;

/**
 * The tunables of the topology, separate from deployment config so tests build the real topology with their own
 * values: window rules, dedup horizon, echo grace period, status-row retention and how often the wall-clock
 * punctuators (expiry, purge, echo release) run.
 */
public record TopologySettings(WindowRules windowRules, Duration dedupHorizon, Duration echoGrace,
                               Duration statusRetention, Duration punctuateInterval) {

    public static TopologySettings defaults(boolean humanAgentEnabled) {
        return new TopologySettings(WindowRules.meta(Duration.ofDays(7), humanAgentEnabled), Duration.ofDays(7),
                Duration.ofSeconds(60), Duration.ofDays(30), Duration.ofSeconds(1));
    }
}
