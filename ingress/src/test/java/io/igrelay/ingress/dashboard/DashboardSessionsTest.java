package io.igrelay.ingress.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The session store: bounded with LRU eviction, idle and absolute lifetimes, revocation with the key. */
class DashboardSessionsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final Set<String> revokedKeys = new HashSet<>();
    private final DashboardSessions sessions = new DashboardSessions(clock, Duration.ofHours(1), Duration.ofHours(3),
            3, who -> !revokedKeys.contains(who.keyId()));

    private DashboardSession signIn(String keyId) {
        return sessions.signIn(Optional.empty(), new DashboardSession.SignedIn("app", "App", keyId));
    }

    @Test
    void shouldEvictTheLeastRecentlyUsedSessionPastTheBound() {
        DashboardSession first = signIn("k1");
        DashboardSession second = signIn("k1");
        DashboardSession third = signIn("k1");
        sessions.find(first.id());

        DashboardSession fourth = signIn("k1");

        assertThat(sessions.size()).isEqualTo(3);
        assertThat(sessions.find(second.id())).as("least recently used").isEmpty();
        assertThat(sessions.find(first.id())).isPresent();
        assertThat(sessions.find(third.id())).isPresent();
        assertThat(sessions.find(fourth.id())).isPresent();
    }

    @Test
    void shouldEndAnActiveSessionAtItsAbsoluteAge() {
        DashboardSession session = signIn("k1");
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(30));
            assertThat(sessions.find(session.id())).as("active at %s", clock.instant()).isPresent();
        }
        clock.advance(Duration.ofMinutes(30));

        assertThat(sessions.find(session.id())).as("3 h after the sign-in, though used every 30 min").isEmpty();
    }

    @Test
    void shouldEndAnIdleSession() {
        DashboardSession session = signIn("k1");
        clock.advance(Duration.ofMinutes(61));

        assertThat(sessions.find(session.id())).isEmpty();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void shouldEndTheSessionsOfARotatedOrRevokedKey() {
        DashboardSession old = signIn("k1");
        DashboardSession other = signIn("k2");
        revokedKeys.add("k1");

        assertThat(sessions.find(old.id())).isEmpty();
        assertThat(sessions.find(other.id())).isPresent();
        sessions.sweep();
        assertThat(sessions.size()).isEqualTo(1);
    }

    @Test
    void shouldIssueAFreshIdAtEachSignInAndDropThePreviousSession() {
        DashboardSession before = signIn("k1");
        DashboardSession after = sessions.signIn(Optional.of(before),
                new DashboardSession.SignedIn("app", "App", "k1"));

        assertThat(after.id()).isNotEqualTo(before.id());
        assertThat(sessions.find(before.id())).isEmpty();
    }
}
