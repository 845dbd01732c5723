package io.igrelay.ingress.spool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides whether Kafka is worth trying (SPEC 8): CLOSED while sends succeed; a failure OPENs it, and while open
 * deliveries go straight to the spool instead of each waiting for its own timeout. After a backoff (doubling up to
 * a bound) one attempt is let through (HALF_OPEN); its success closes the breaker, its failure re-opens it longer.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Clock clock;
    private State state = State.CLOSED;
    private Duration backoff;
    private Instant retryAt = Instant.MIN;
    private long opened;

    public CircuitBreaker(Duration initialBackoff, Duration maxBackoff, Clock clock) {
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.clock = clock;
        this.backoff = initialBackoff;
    }

    public synchronized State state() {
        return state;
    }

    public synchronized boolean isClosed() {
        return state == State.CLOSED;
    }

    /** True when an attempt may go to Kafka now; an open breaker past its backoff lets one attempt through. */
    public synchronized boolean tryAttempt() {
        if (state == State.OPEN && !clock.instant().isBefore(retryAt)) {
            state = State.HALF_OPEN;
            return true;
        }
        return state == State.CLOSED;
    }

    public synchronized void recordSuccess() {
        state = State.CLOSED;
        backoff = initialBackoff;
    }

    public synchronized void recordFailure() {
        if (state == State.HALF_OPEN) {
            backoff = min(backoff.multipliedBy(2), maxBackoff);
        } else if (state == State.CLOSED) {
            backoff = initialBackoff;
            opened++;
        }
        state = State.OPEN;
        retryAt = clock.instant().plus(backoff);
    }

    /** When an open breaker lets the next attempt through. */
    public synchronized Instant retryAt() {
        return retryAt;
    }

    /** How many times it went from closed to open since start (a metric). */
    public synchronized long timesOpened() {
        return opened;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
