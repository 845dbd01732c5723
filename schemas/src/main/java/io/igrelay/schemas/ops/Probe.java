package io.igrelay.schemas.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/*
 * What one background part of a service (a consumer loop, a topic view, a stream thread, a replayer) tells the
 * health checks about itself: that it still turns (beat), that it moves forward and how far behind it is (progress,
 * lag), that it waits for a dependency (waiting), or that it died (failed). HealthMonitor turns these into readiness
 * and liveness; nothing here decides. Thread-safe: the part writes, the health endpoint reads.
 */
public final class Probe {

    /** The state a part reports; HealthMonitor adds STUCK when the timestamps say so. */
    public enum State { STARTING, RUNNING, WAITING, FAILED, STOPPED }

    private final String name;
    private final Clock clock;
    private volatile State state = State.STARTING;
    private volatile Instant lastBeat;
    private volatile Instant lastProgress;
    private volatile Instant stateSince;
    private volatile long lag = -1;
    private volatile String reason = "starting";

    Probe(String name, Clock clock) {
        this.name = name;
        this.clock = clock;
        Instant now = clock.instant();
        this.lastBeat = now;
        this.lastProgress = now;
        this.stateSince = now;
    }

    public String name() {
        return name;
    }

    /** The loop turned (polled, even if nothing came). */
    public void beat() {
        lastBeat = clock.instant();
    }

    /** The part is up to date or working normally (e.g. a view caught up, a consumer was assigned). */
    public void running() {
        move(State.RUNNING, null);
        beat();
    }

    /** Records were handled; {@code lagAfter} is how many are still behind (-1 when unknown). */
    public void progressed(long lagAfter) {
        Instant now = clock.instant();
        lastProgress = now;
        lastBeat = now;
        lag = lagAfter;
        if (state == State.WAITING) {
            move(State.RUNNING, null);
        }
    }

    /** Records were handled; the lag stays as last reported (a part that cannot measure it where it works). */
    public void progressed() {
        progressed(lag);
    }

    /** The lag as measured from outside the part (e.g. an admin client); not a sign that the part still turns. */
    public void observedLag(long lagNow) {
        lag = lagNow;
    }

    /** Only the lag changed (nothing handled), e.g. after a poll that returned nothing. */
    public void lag(long lagNow) {
        lag = lagNow;
        beat();
    }

    /** The part holds a record back because a dependency is away; it will try again. */
    public void waiting(String why) {
        move(State.WAITING, why);
        beat();
    }

    /** The part stopped on its own and will not come back: the process needs a restart. */
    public void failed(Throwable error) {
        move(State.FAILED, error == null ? "failed" : error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : ": " + error.getMessage()));
    }

    /** Closed on purpose (shutdown). */
    public void stopped() {
        move(State.STOPPED, "stopped");
    }

    private void move(State next, String why) {
        if (state != next) {
            stateSince = clock.instant();
        }
        state = next;
        reason = why;
    }

    /** A consistent copy of what the probe holds now. */
    public Snapshot snapshot() {
        return new Snapshot(name, state, stateSince, lastBeat, lastProgress, lag, reason);
    }

    /** What the probe held at one moment. */
    public record Snapshot(String name, State state, Instant stateSince, Instant lastBeat, Instant lastProgress,
                           long lag, String reason) {

        Duration sinceProgress(Instant now) {
            return Duration.between(lastProgress, now);
        }

        Duration sinceBeat(Instant now) {
            return Duration.between(lastBeat, now);
        }
    }
}
