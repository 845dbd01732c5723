package io.igrelay.dispatcher.webhooks.delivery;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/*
 * The DeliveryEngine's picture of one webhook: its state (EndpointState holds the moves), its lanes (one per
 * conversation, each sending one event at a time), the lanes ready to send, live events held during a catch-up, and
 * the back-pressure counters (in flight, queued, paused on Retry-After, one request at a time while timing out).
 * Its fields change only through the named moves below; a move the current state does not allow (re-enabling what is
 * not disabled, parking without a failing lane, sending or scheduling a retry while disabled, an answer with nothing
 * in flight) is a bug and throws IllegalStateException naming the state.
 */
final class Endpoint {

    /** One conversation's events for one webhook, sent strictly one after the other. */
    static final class Lane {
        private final ArrayDeque<Pending> queue = new ArrayDeque<>();
        private boolean busy;

        /** The event this lane sends next (or is sending). */
        Pending head() {
            return queue.peek();
        }
    }

    private final String id;
    private final Map<String, Lane> lanes = new HashMap<>();
    private final ArrayDeque<Lane> ready = new ArrayDeque<>();
    private final List<Pending> held = new ArrayList<>();
    private EndpointState state = EndpointState.ACTIVE;
    /** PARKED: the queue time its catch-up starts from once the probe answers. */
    private Instant parkedFrom;
    /** DISABLED: the queue time its catch-up starts from once it is enabled again. */
    private Instant catchUpFrom;
    private Lane failingLane;
    private int queued;
    private int inFlight;
    private boolean timingOut;
    private Optional<Instant> pausedUntil = Optional.empty();

    Endpoint(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    EndpointState state() {
        return state;
    }

    boolean disabled() {
        return state == EndpointState.DISABLED;
    }

    /** Whether the lane is still this endpoint's lane for its conversation (not dropped meanwhile). */
    boolean owns(Pending pending, Lane lane) {
        return lanes.get(pending.event.lane()) == lane;
    }

    /** Whether a Retry-After pause still holds at {@code now}. */
    boolean paused(Instant now) {
        return pausedUntil.isPresent() && now.isBefore(pausedUntil.get());
    }

    /** Whether a failing endpoint piled up more than {@code maxQueued} (then it parks). */
    boolean overflowing(int maxQueued) {
        return failingLane != null && queued > maxQueued;
    }

    /** The next lane to send from, if one is ready and fewer than the limit are open (one while timing out). */
    Optional<Lane> nextToSend(int maxInFlight) {
        return inFlight < (timingOut ? 1 : maxInFlight) ? Optional.ofNullable(ready.poll()) : Optional.empty();
    }

    /** Holds a live event behind a running catch-up; returns false (not held) if none is running. */
    boolean hold(Pending pending) {
        return state.holdsLive() && held.add(pending);
    }

    /** Queues an event on its conversation's lane. */
    void add(Pending pending) {
        Lane lane = lanes.computeIfAbsent(pending.event.lane(), k -> new Lane());
        lane.queue.add(pending);
        queued++;
        if (!lane.busy && lane.queue.size() == 1) {
            ready.add(lane);
        }
    }

    /** A catch-up replay ended: the state moves on (see EndpointState#caughtUp), the held live events go out. */
    List<Pending> caughtUp() {
        state = state.caughtUp();
        List<Pending> taken = new ArrayList<>(held);
        held.clear();
        return taken;
    }

    /**
     * Disables it and lets go of every queued and held event (each handed to {@code release}): the catch-up starts
     * from the oldest of a minute before the oldest event let go (or {@code fallback}) and what it was let go before.
     */
    void disable(Instant fallback, Consumer<Pending> release) {
        Instant from = oldestQueued(fallback);
        dropLanes(release);
        state = state.disabled();
        catchUpFrom = catchUpFrom != null && catchUpFrom.isBefore(from) ? catchUpFrom : from;
    }

    /** Enabled again (only from DISABLED): returns the queue time to catch up from. */
    Instant reEnable() {
        state = state.reEnabled();
        return catchUpFrom;
    }

    /**
     * A failing endpoint piled up more than its share: everything but the failing lane's head is let go (each
     * handed to {@code release}), the head stays as the probe, and the catch-up after it answers starts a minute
     * before the oldest event let go. Returns the probe.
     */
    Pending park(Consumer<Pending> release) {
        EndpointState next = state.parked();
        if (failingLane == null) {
            throw new IllegalStateException("webhook " + id + " is " + state + " with no failing lane: nothing to park");
        }
        Lane probeLane = failingLane;
        Pending probe = probeLane.queue.peek();
        Instant from = oldestQueued(probe.event.createdAt().minusSeconds(60));
        probeLane.queue.poll();
        dropLanes(release);
        probeLane.queue.add(probe);
        lanes.put(probe.event.lane(), probeLane);
        queued = 1;
        state = next;
        parkedFrom = from;
        return probe;
    }

    /** An attempt on {@code lane} starts (never while disabled: its lanes were let go). */
    void sending(Lane lane) {
        requireLanes("send");
        lane.busy = true;
        inFlight++;
    }

    /** An attempt on {@code lane} came back, whatever its result. */
    void returned(Lane lane) {
        if (inFlight == 0) {
            throw new IllegalStateException("webhook " + id + " is " + state + " with nothing in flight: no answer due");
        }
        inFlight--;
        lane.busy = false;
    }

    /**
     * An attempt on {@code lane} succeeded: the endpoint is no longer timing out nor failing on that lane. Returns the
     * queue time to catch up from if that was a parked webhook's probe (it now catches up).
     */
    Optional<Instant> answered(Lane lane) {
        timingOut = false;
        if (failingLane == lane) {
            failingLane = null;
        }
        boolean probe = state == EndpointState.PARKED;
        state = state.probeAnswered();
        return probe ? Optional.of(parkedFrom) : Optional.empty();
    }

    /** An attempt failed: while the endpoint times out it gets one request at a time. */
    void failed(boolean timeout) {
        timingOut = timeout;
    }

    /**
     * The failed head of {@code lane} is tried again later: the lane waits (busy) and is the failing one; with
     * {@code pauseUntil} (429 or Retry-After) the whole endpoint pauses until then.
     */
    void retrying(Lane lane, Optional<Instant> pauseUntil) {
        requireLanes("schedule a retry");
        failingLane = lane;
        if (pauseUntil.isPresent()) {
            pausedUntil = pauseUntil;
        }
        lane.busy = true;
    }

    /** The retry of {@code pending} is due: returns whether its lane is ready again (still owned, not empty). */
    boolean retryDue(Pending pending, Lane lane) {
        lane.busy = false;
        return owns(pending, lane) && !lane.queue.isEmpty() && ready.add(lane);
    }

    /** Removes the lane's head; the lane goes back to ready if more waits, else it is dropped. */
    Pending advance(Lane lane) {
        Pending done = lane.queue.poll();
        queued = Math.max(0, queued - 1);
        if (lane.queue.isEmpty()) {
            lanes.remove(done == null ? null : done.event.lane());
        } else {
            ready.add(lane);
        }
        return done;
    }

    /** Lets go of every queued and held event (each handed to {@code release}) and of the failing lane. */
    void dropLanes(Consumer<Pending> release) {
        for (Lane lane : lanes.values()) {
            lane.queue.forEach(release);
            lane.queue.clear();
        }
        lanes.clear();
        ready.clear();
        held.forEach(release);
        held.clear();
        queued = 0;
        failingLane = null;
    }

    /** A minute before the oldest event queued or held here (queue time), or the fallback. */
    private Instant oldestQueued(Instant fallback) {
        Instant from = null;
        for (Lane lane : lanes.values()) {
            for (Pending p : lane.queue) {
                from = from == null || p.event.createdAt().isBefore(from) ? p.event.createdAt() : from;
            }
        }
        for (Pending p : held) {
            from = from == null || p.event.createdAt().isBefore(from) ? p.event.createdAt() : from;
        }
        return from == null ? fallback : from.minusSeconds(60);
    }

    private void requireLanes(String move) {
        if (state == EndpointState.DISABLED) {
            throw new IllegalStateException("webhook " + id + ": cannot " + move + " while DISABLED (only while"
                    + " ACTIVE, CATCHING_UP or PARKED)");
        }
    }
}
