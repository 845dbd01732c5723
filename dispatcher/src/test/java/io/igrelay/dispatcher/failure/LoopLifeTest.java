package io.igrelay.dispatcher.failure;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.schemas.failure.Backoff;
import io.igrelay.schemas.failure.FailurePolicy;
import io.igrelay.schemas.ops.HealthMonitor;
import io.igrelay.schemas.ops.Probe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/* A dispatcher loop's health tells the truth: a dead loop turns readiness DOWN, a loop waiting for a dependency is
 * not ready but alive and comes back by itself, and a loop with lag and no progress is stuck. */
class LoopLifeTest {

    private final FailurePolicy policy = new FailurePolicy(
            new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), Integer.MAX_VALUE), 3);

    @Test
    void shouldTurnReadinessDownWhenTheLoopDies() {
        HealthMonitor health = HealthMonitor.standard(Clock.systemUTC());
        LoopLife life = new LoopLife("router", health.register("webhook-router"), policy);
        AtomicInteger turns = new AtomicInteger();

        life.run(() -> {
            if (turns.incrementAndGet() == 1) {
                life.turnDone(0, true);
                return;
            }
            throw new IllegalStateException("a bug");
        });

        assertThat(life.probe().snapshot().state()).isEqualTo(Probe.State.FAILED);
        assertThat(health.report().ready()).isFalse();
        assertThat(health.report().live()).isTrue(); // not yet: liveness fails after the longer bound
    }

    @Test
    void shouldWaitWhileADependencyIsAwayAndRunAgainWhenItReturns() {
        HealthMonitor health = HealthMonitor.standard(Clock.systemUTC());
        LoopLife life = new LoopLife("router", health.register("webhook-router"), policy);
        AtomicInteger turns = new AtomicInteger();
        boolean[] waitingSeen = {false};

        life.run(() -> {
            int turn = turns.incrementAndGet();
            if (turn <= 3) {
                throw new TimeoutException("broker away");
            }
            waitingSeen[0] = life.probe().snapshot().state() == Probe.State.WAITING && !health.report().ready();
            life.turnDone(0, true);
            life.stop();
        });

        assertThat(waitingSeen[0]).isTrue();
        assertThat(life.probe().snapshot().state()).isEqualTo(Probe.State.STOPPED);
    }

    @Test
    void shouldBeStuckWithLagAndNoProgressPastTheBound() {
        Instant[] now = {Instant.parse("2026-03-01T10:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        HealthMonitor health = new HealthMonitor(clock, Duration.ofSeconds(30), Duration.ofMinutes(5));
        LoopLife life = new LoopLife("delivery", health.register("webhook-delivery"), policy);
        life.turnDone(0, true);
        assertThat(health.report().ready()).isTrue();

        now[0] = now[0].plusSeconds(31);
        life.turnDone(12, false); // polls go on, 12 records wait, nothing handled

        assertThat(health.report().ready()).isFalse();
        assertThat(health.report().checks().get(0).status()).isEqualTo("STUCK");
        now[0] = now[0].plus(Duration.ofMinutes(5));
        life.turnDone(12, false);
        assertThat(health.report().live()).isFalse();
    }
}
