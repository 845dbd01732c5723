package io.igrelay.ingress.spool;

import io.igrelay.schemas.failure.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides whether Kafka is worth trying (contract §8): CLOSED while sends succeed; a failure OPENs it, and while open
 * deliveries go straight to the spool instead of each waiting for its own timeout. After a wait (the hub's Backoff
 * ceiling: doubling up to a bound, no jitter) one attempt is let through (HALF_OPEN); its success closes the
 * breaker, its failure re-opens it longer. The breaker never gives up.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final Backoff backoff;
    private final Clock clock;
    private State state = State.CLOSED;
    private int openings; // consecutive openings since the last success: the Backoff retry number
    private Instant retryAt = Instant.MIN;
    private long opened;

    public CircuitBreaker(Duration initialBackoff, Duration maxBackoff, Clock clock) {
        this.backoff = new Backoff(initialBackoff, maxBackoff, Integer.MAX_VALUE);
        this.clock = clock;
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
        openings = 0;
    }

    public synchronized void recordFailure() {
        if (state == State.HALF_OPEN) {
            openings++;
        } else if (state == State.CLOSED) {
            openings = 1;
            opened++;
        }
        state = State.OPEN;
        retryAt = clock.instant().plus(backoff.ceiling(openings));
    }

    /** When an open breaker lets the next attempt through. */
    public synchronized Instant retryAt() {
        return retryAt;
    }

    /** How many times it went from closed to open since start (a metric). */
    public synchronized long timesOpened() {
        return opened;
    }
}
