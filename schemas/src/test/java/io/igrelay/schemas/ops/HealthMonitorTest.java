package io.igrelay.schemas.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/* Readiness and liveness come from every registered part: starting, waiting, stuck and dead parts are not ready;
 * dead, stuck or silent ones stop being alive after the longer bound; waiting for a dependency never does. */
class HealthMonitorTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final HealthMonitor health = new HealthMonitor(clock, Duration.ofSeconds(30), Duration.ofMinutes(5));

    @Test
    void shouldBeReadyOnlyOnceEveryPartRuns() {
        Probe a = health.register("a");
        Probe b = health.register("b");
        a.running();
        assertThat(health.report().ready()).isFalse();
        b.running();
        assertThat(health.report().ready()).isTrue();
        assertThat(health.report().live()).isTrue();
    }

    @Test
    void shouldTurnNotReadyWhenAPartWithLagMakesNoProgressThenNotAlive() {
        Probe loop = health.register("loop");
        loop.running();
        loop.progressed(5);
        clock.advance(Duration.ofSeconds(20));
        loop.lag(5);
        assertThat(health.report().ready()).isTrue();
        clock.advance(Duration.ofSeconds(15));
        loop.lag(5);
        assertThat(health.report().ready()).isFalse();
        assertThat(health.report().checks().get(0).status()).isEqualTo("STUCK");
        assertThat(health.report().live()).isTrue();
        clock.advance(Duration.ofMinutes(5));
        loop.lag(5);
        assertThat(health.report().live()).isFalse();
    }

    @Test
    void shouldStayReadyWhenIdleWithoutLag() {
        Probe loop = health.register("loop");
        loop.running();
        clock.advance(Duration.ofMinutes(10));
        loop.lag(0);
        assertThat(health.report().ready()).isTrue();
    }

    @Test
    void shouldTurnNotReadyWhenTheLoopStopsTurning() {
        Probe loop = health.register("loop");
        loop.running();
        clock.advance(Duration.ofSeconds(31));
        assertThat(health.report().ready()).isFalse();
        clock.advance(Duration.ofMinutes(5));
        assertThat(health.report().live()).isFalse();
    }

    @Test
    void shouldNeverFailLivenessWhileWaitingForADependency() {
        Probe loop = health.register("loop");
        loop.running();
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofMinutes(1));
            loop.waiting("registry down");
        }
        assertThat(health.report().ready()).isFalse();
        assertThat(health.report().live()).isTrue();
        loop.progressed(0);
        assertThat(health.report().ready()).isTrue();
    }

    @Test
    void shouldFailLivenessSomeTimeAfterAPartDied() {
        Probe loop = health.register("loop");
        loop.running();
        loop.failed(new IllegalStateException("boom"));
        assertThat(health.report().ready()).isFalse();
        assertThat(health.report().live()).isTrue();
        clock.advance(Duration.ofMinutes(6));
        assertThat(health.report().live()).isFalse();
        assertThat(health.report().checks().get(0).toMap(clock.instant())).containsEntry("status", "FAILED")
                .containsEntry("reason", "IllegalStateException: boom");
    }
}
