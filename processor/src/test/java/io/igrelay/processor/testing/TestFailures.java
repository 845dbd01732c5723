package io.igrelay.processor.testing;

import io.igrelay.avro.DeadLetter;
import io.igrelay.processor.failure.DependencyGate;
import io.igrelay.processor.failure.HoldingGlobalProcessor.GlobalStoreGuard;
import io.igrelay.processor.failure.ProcessorFailures;
import io.igrelay.schemas.failure.Backoff;
import io.igrelay.schemas.failure.FailurePolicy;
import io.igrelay.schemas.ops.HealthMonitor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The processor's real failure policy for topology tests, with what a test must see or steer: the dead letters the
 * handlers write (kept in memory, since TopologyTestDriver has no broker for the writer), whether the registry gate
 * paused processing, and a registry check the test answers. Backoffs are a millisecond so no test waits.
 */
public final class TestFailures {

    public final List<DeadLetter> letters = new CopyOnWriteArrayList<>();
    public final AtomicInteger pauses = new AtomicInteger();
    public final AtomicInteger resumes = new AtomicInteger();
    public final AtomicBoolean registryAnswers = new AtomicBoolean(true);
    public final HealthMonitor health = new HealthMonitor(Clock.systemUTC(), Duration.ofSeconds(30),
            Duration.ofMinutes(5));
    public final DependencyGate gate;
    public final ProcessorFailures failures;
    public final GlobalStoreGuard guard;

    public TestFailures() {
        Backoff fast = new Backoff(Duration.ofMillis(1), Duration.ofMillis(2), Integer.MAX_VALUE);
        FailurePolicy policy = new FailurePolicy(fast, 3);
        gate = new DependencyGate("schema registry",
                () -> registryAnswers.get() ? Optional.empty() : Optional.of("refused"), fast,
                health.register("schema-registry"));
        gate.attach(new DependencyGate.Processing() {
            @Override
            public void pause() {
                pauses.incrementAndGet();
            }

            @Override
            public void resume() {
                resumes.incrementAndGet();
            }
        });
        failures = new ProcessorFailures(policy, letters::add, gate, Clock.systemUTC());
        guard = new GlobalStoreGuard(policy, gate, new AtomicLong());
    }
}
