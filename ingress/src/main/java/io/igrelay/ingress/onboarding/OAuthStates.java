package io.igrelay.ingress.onboarding;

import io.igrelay.avro.Flavour;
import io.igrelay.ingress.dashboard.DashboardSession;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The OAuth {@code state} parameter: 256 random bits, bound to the browser's session, single-use
 * (consumed on the first callback, so a replay finds nothing) and short-lived. A callback whose state is unknown,
 * used, expired or from the other flow ends on a failure page.
 */
public final class OAuthStates {

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration ttl;

    public OAuthStates(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    public String issue(DashboardSession session, Flavour flavour) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        session.addState(state, flavour, clock.instant().plus(ttl));
        return state;
    }

    /** Throws an {@link OnboardingFailure} unless {@code state} is a live, unused state of this session and flow. */
    public void consume(DashboardSession session, String state, Flavour flavour) {
        DashboardSession.PendingState pending = session.consumeState(state).orElseThrow(() ->
                OnboardingFailure.badState("It was already used, or it was not started from this browser."));
        if (pending.flavour() != flavour) {
            throw OnboardingFailure.badState("It belongs to another sign-in flow.");
        }
        if (!clock.instant().isBefore(pending.expiresAt())) {
            throw OnboardingFailure.badState("It expired: the sign-in took longer than " + ttl.toMinutes()
                    + " minutes.");
        }
    }

    Instant now() {
        return clock.instant();
    }
}
