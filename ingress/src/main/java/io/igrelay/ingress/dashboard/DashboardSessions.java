package io.igrelay.ingress.dashboard;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's session store, in memory: ids and CSRF tokens are 256-bit random, sessions expire after a period
 * of inactivity, and signing in issues a fresh id (no session fixation). Replicas do not share it: put the
 * dashboard behind sticky sessions, or run it on one replica.
 */
public final class DashboardSessions {

    private static final int MAX_SESSIONS = 50_000;

    private final Map<String, DashboardSession> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration ttl;

    public DashboardSessions(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    public DashboardSession create() {
        if (sessions.size() >= MAX_SESSIONS) {
            sweep();
        }
        DashboardSession session = new DashboardSession(token(), token(), clock.instant());
        sessions.put(session.id(), session);
        return session;
    }

    public Optional<DashboardSession> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        DashboardSession session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        if (expired(session)) {
            sessions.remove(id);
            return Optional.empty();
        }
        session.touch(clock.instant());
        return Optional.of(session);
    }

    /** Signs in on a new session (new id, new CSRF token); the old one is dropped. */
    public DashboardSession signIn(DashboardSession old, DashboardSession.SignedIn who) {
        sessions.remove(old.id());
        DashboardSession fresh = create();
        fresh.signIn(who);
        return fresh;
    }

    public void remove(DashboardSession session) {
        sessions.remove(session.id());
    }

    /** Drops expired sessions (called periodically). */
    public void sweep() {
        sessions.values().removeIf(this::expired);
    }

    private boolean expired(DashboardSession session) {
        return session.lastSeen().plus(ttl).isBefore(clock.instant());
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
