package io.igrelay.ingress.dashboard;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The dashboard's session store, in memory: a session exists only once a browser signed in (ids and CSRF tokens are
 * 256-bit random, a fresh id at each sign-in, so no fixation). A session ends after a period of inactivity, at an
 * absolute age however active it is, and as soon as the key it was signed in with is rotated out or revoked. The
 * store holds at most {@code maxSessions}, least recently used evicted first, each step O(1). Replicas do not share
 * it: put the dashboard behind sticky sessions, or run it on one replica.
 */
public final class DashboardSessions {

    private final LinkedHashMap<String, DashboardSession> sessions = new LinkedHashMap<>(256, 0.75f, true);
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration idleTtl;
    private final Duration maxAge;
    private final int maxSessions;
    private final Predicate<DashboardSession.SignedIn> keyInForce;

    /** With the default bounds (12 h absolute, 10,000 sessions) and no key check, for tests of the flows. */
    public DashboardSessions(Clock clock, Duration idleTtl) {
        this(clock, idleTtl, Duration.ofHours(12), 10_000, who -> true);
    }

    public DashboardSessions(Clock clock, Duration idleTtl, Duration maxAge, int maxSessions,
                             Predicate<DashboardSession.SignedIn> keyInForce) {
        this.clock = clock;
        this.idleTtl = idleTtl;
        this.maxAge = maxAge;
        this.maxSessions = maxSessions;
        this.keyInForce = keyInForce;
    }

    /** Starts a signed-in session (new id, new CSRF token); {@code previous}, if any, is dropped. */
    public DashboardSession signIn(Optional<DashboardSession> previous, DashboardSession.SignedIn who) {
        DashboardSession session = new DashboardSession(token(), token(), clock.instant());
        session.signIn(who);
        synchronized (sessions) {
            previous.ifPresent(old -> sessions.remove(old.id()));
            sessions.put(session.id(), session);
            if (sessions.size() > maxSessions) {
                Iterator<DashboardSession> leastRecent = sessions.values().iterator();
                leastRecent.next();
                leastRecent.remove();
            }
        }
        return session;
    }

    /** The live session with this id; an expired or revoked one is removed and not returned. */
    public Optional<DashboardSession> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        synchronized (sessions) {
            DashboardSession session = sessions.get(id);
            if (session == null) {
                return Optional.empty();
            }
            if (!live(session, now)) {
                sessions.remove(id);
                return Optional.empty();
            }
            session.touch(now);
            return Optional.of(session);
        }
    }

    public void remove(DashboardSession session) {
        synchronized (sessions) {
            sessions.remove(session.id());
        }
    }

    /** Drops expired and revoked sessions (called periodically; bounded by the store's size). */
    public void sweep() {
        Instant now = clock.instant();
        synchronized (sessions) {
            sessions.values().removeIf(session -> !live(session, now));
        }
    }

    public int size() {
        synchronized (sessions) {
            return sessions.size();
        }
    }

    private boolean live(DashboardSession session, Instant now) {
        return session.lastSeen().plus(idleTtl).isAfter(now) && session.createdAt().plus(maxAge).isAfter(now)
                && session.signedIn().map(keyInForce::test).orElse(false);
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
