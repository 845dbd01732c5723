package io.igrelay.bench.sandbox;

import io.igrelay.bench.BenchEnvironment;
import io.igrelay.bench.LatencyRecorder;
import io.igrelay.bench.Scenario;
import io.igrelay.bench.ScenarioResult;
import io.igrelay.bench.dispatcher.BenchConversations;
import io.igrelay.bench.dispatcher.DispatcherSendScenario;
import io.igrelay.bench.dispatcher.SendSandbox;
import java.time.Duration;
import java.util.Optional;

/**
 * the sandbox must never limit the benchmark it serves. Send API answers per second with echoes and
 * latency off, from a concurrent keep-alive HTTP client in this JVM (so a lower bound), for a bounded number of
 * calls; quoted against the dispatcher row, whose target is 5,000/s, so the target here is ≥ 20,000/s (4×).
 */
public final class SandboxSendApiScenario implements Scenario {

    public static final String NAME = "sandbox Send API (no latency, no echoes)";
    public static final double TARGET_PER_SECOND = 4 * 5_000;
    static final int IN_FLIGHT = 256;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String reference() {
        return DispatcherSendScenario.NAME;
    }

    @Override
    public String note() {
        return "in-process sandbox (SANDBOX_INSTANCES = cores, rate limits off), Vert.x client with " + IN_FLIGHT
                + " requests in flight on 64 keep-alive connections, valid text sends over the 2,000 conversations;"
                + " target ≥ 20,000/s (4× the dispatcher's 5,000/s target); load generator shares the 2 cores";
    }

    /**
     * Calls timed: 25,000 per configured second, so a run ends by count unless the sandbox is slower than that,
     * in which case it ends after twice the configured time.
     */
    static long calls(Duration measureFor) {
        return Math.max(5_000, measureFor.toSeconds() * 25_000);
    }

    @Override
    public ScenarioResult run(BenchEnvironment environment) throws Exception {
        try (SendSandbox sandbox = new SendSandbox(0, 0, false, 10);
             SendApiLoad load = new SendApiLoad(sandbox, BenchConversations.all())) {
            load.run(IN_FLIGHT, Long.MAX_VALUE, environment.warmUpFor(), new LatencyRecorder());
            var latencies = new LatencyRecorder();
            SendApiLoad.Outcome outcome = load.run(IN_FLIGHT, calls(environment.measureFor()),
                    environment.measureFor().multipliedBy(2), latencies);
            if (outcome.failed() > 0) {
                throw new IllegalStateException(outcome.failed() + " Send API calls were not answered 200");
            }
            ScenarioResult result = new ScenarioResult(name(), reference(), outcome.ok(), outcome.bytes(),
                    outcome.elapsed(), Optional.of(latencies.summary()));
            return result.withTarget("≥ 20,000/s", result.recordsPerSecond() >= TARGET_PER_SECOND);
        }
    }
}
