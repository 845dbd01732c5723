package io.igrelay.ingress.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.igrelay.schemas.ops.HealthMonitor;
import io.igrelay.schemas.ops.Probe;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The ingress's start-up waits for its dependencies, says which one, and gives up only on other failures. */
class StartupStepsTest {

    private final HealthMonitor health = HealthMonitor.standard(Clock.systemUTC());
    private final Probe probe = health.register("start-up");

    @Test
    void shouldRetryAStepWhileItsDependencyIsAwayAndRunTheNextOnesInOrder() throws Exception {
        AtomicInteger kafkaTries = new AtomicInteger();
        List<String> ran = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        try (StartupSteps steps = new StartupSteps(probe)
                .then("kafka", () -> {
                    if (kafkaTries.incrementAndGet() < 3) {
                        reasons.add(String.valueOf(probe.snapshot().reason()));
                        throw new StartupSteps.Away("Kafka at 127.0.0.1:1 does not answer");
                    }
                    ran.add("kafka");
                })
                .then("schema-registry", () -> ran.add("schema-registry"))) {
            steps.begin().get(10, TimeUnit.SECONDS);
        }

        assertThat(ran).containsExactly("kafka", "schema-registry");
        assertThat(kafkaTries).hasValue(3);
        assertThat(reasons.get(1)).startsWith("kafka: Away: Kafka at 127.0.0.1:1 does not answer");
        assertThat(probe.snapshot().state()).isEqualTo(Probe.State.STOPPED);
    }

    @Test
    void shouldFailAfterBoundedRetriesWhenAStepFailsForAnotherReason() {
        AtomicInteger tries = new AtomicInteger();
        StartupSteps steps = new StartupSteps(probe).then("kafka", () -> {
            tries.incrementAndGet();
            throw new IllegalStateException("topic ig.channels has 3 partitions, expected 6");
        });

        assertThatThrownBy(() -> steps.begin().get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("expected 6");
        assertThat(tries).hasValue(5);
        assertThat(probe.snapshot().state()).isEqualTo(Probe.State.FAILED);
        assertThat(health.report().ready()).isFalse();
        steps.close();
    }
}
