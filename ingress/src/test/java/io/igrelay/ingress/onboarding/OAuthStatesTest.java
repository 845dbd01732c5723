package io.igrelay.ingress.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.igrelay.avro.Flavour;
import io.igrelay.ingress.dashboard.DashboardSession;
import io.igrelay.ingress.dashboard.DashboardSessions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The OAuth state: random, single-use, bound to its session and flow, and short-lived. */
class OAuthStatesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
    private final OAuthStates states = new OAuthStates(clock, Duration.ofMinutes(10));
    private final DashboardSessions sessions = new DashboardSessions(clock, Duration.ofHours(1));

    @Test
    void shouldAcceptAStateOnceOnly() {
        DashboardSession session = signedIn();
        String state = states.issue(session, Flavour.INSTAGRAM_LOGIN);

        states.consume(session, state, Flavour.INSTAGRAM_LOGIN);

        assertThatThrownBy(() -> states.consume(session, state, Flavour.INSTAGRAM_LOGIN))
                .isInstanceOf(OnboardingFailure.class).hasMessageContaining("already used");
    }

    @Test
    void shouldRefuseAnExpiredState() {
        DashboardSession session = signedIn();
        String state = states.issue(session, Flavour.INSTAGRAM_LOGIN);
        clock.now = clock.now.plus(Duration.ofMinutes(10));

        assertThatThrownBy(() -> states.consume(session, state, Flavour.INSTAGRAM_LOGIN))
                .isInstanceOf(OnboardingFailure.class).hasMessageContaining("expired");
    }

    @Test
    void shouldRefuseAStateOfAnotherSessionOrFlow() {
        DashboardSession mine = signedIn();
        String state = states.issue(mine, Flavour.FACEBOOK_LOGIN);

        assertThatThrownBy(() -> states.consume(signedIn(), state, Flavour.FACEBOOK_LOGIN))
                .isInstanceOf(OnboardingFailure.class);
        assertThatThrownBy(() -> states.consume(mine, state, Flavour.INSTAGRAM_LOGIN))
                .isInstanceOf(OnboardingFailure.class).hasMessageContaining("another sign-in flow");
    }

    @Test
    void shouldIssueUnguessableStates() {
        DashboardSession session = signedIn();
        assertThat(states.issue(session, Flavour.INSTAGRAM_LOGIN)).hasSizeGreaterThanOrEqualTo(43)
                .isNotEqualTo(states.issue(session, Flavour.INSTAGRAM_LOGIN));
    }

    private DashboardSession signedIn() {
        return sessions.signIn(Optional.empty(), new DashboardSession.SignedIn("app-a", "A", "keya"));
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
