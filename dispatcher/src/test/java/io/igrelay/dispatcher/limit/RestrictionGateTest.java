package io.igrelay.dispatcher.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/* A restricted account stays paused for the configured time and no longer; other accounts are not touched. */
class RestrictionGateTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final RestrictionGate gate = new RestrictionGate(Duration.ofMinutes(30));

    @Test
    void shouldPauseTheRestrictedAccountUntilThePauseEnds() {
        gate.restrict("acc", T0);

        assertThat(gate.restrictedUntil("acc", T0.plusSeconds(60))).contains(T0.plus(Duration.ofMinutes(30)));
        assertThat(gate.restrictedUntil("acc", T0.plus(Duration.ofMinutes(30)))).isEmpty();
    }

    @Test
    void shouldLeaveOtherAccountsFree() {
        gate.restrict("acc", T0);

        assertThat(gate.restrictedUntil("other", T0)).isEmpty();
    }

    @Test
    void shouldKeepTheLaterEndWhenRestrictedAgain() {
        gate.restrict("acc", T0.plusSeconds(600));
        gate.restrict("acc", T0);

        assertThat(gate.restrictedUntil("acc", T0)).contains(T0.plusSeconds(600).plus(Duration.ofMinutes(30)));
    }
}
