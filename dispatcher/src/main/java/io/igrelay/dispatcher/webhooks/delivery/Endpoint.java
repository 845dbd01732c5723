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
 */
final class Endpoint {

    /** One conversation's events for one webhook, sent strictly one after the other. */
    static final class Lane {
        final ArrayDeque<Pending> queue = new ArrayDeque<>();
        boolean busy;
    }

    final String id;
    final Map<String, Lane> lanes = new HashMap<>();
    final ArrayDeque<Lane> ready = new ArrayDeque<>();
    final List<Pending> held = new ArrayList<>();
    EndpointState state = EndpointState.ACTIVE;
    /** PARKED: the queue time its catch-up starts from once the probe answers. */
    Instant parkedFrom;
    /** DISABLED: the queue time its catch-up starts from once it is enabled again. */
    Instant catchUpFrom;
    Lane failingLane;
    int queued;
    int inFlight;
    boolean timingOut;
    Optional<Instant> pausedUntil = Optional.empty();

    Endpoint(String id) {
        this.id = id;
    }

    int limit(int max) {
        return timingOut ? 1 : max;
    }

    /** Whether the lane is still this endpoint's lane for its conversation (not dropped meanwhile). */
    boolean owns(Pending pending, Lane lane) {
        return lanes.get(pending.event.lane()) == lane;
    }

    /** Disables it: the catch-up starts from the oldest of what it is let go now and what it was let go before. */
    void disable(Instant from) {
        state = state.disabled();
        catchUpFrom = catchUpFrom != null && catchUpFrom.isBefore(from) ? catchUpFrom : from;
    }

    /** A minute before the oldest event queued or held here (queue time), or the fallback. */
    Instant oldestQueued(Instant fallback) {
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

    /** Queues an event on its conversation's lane; returns the lane. */
    Lane add(Pending pending) {
        Lane lane = lanes.computeIfAbsent(pending.event.lane(), k -> new Lane());
        lane.queue.add(pending);
        queued++;
        if (!lane.busy && lane.queue.size() == 1) {
            ready.add(lane);
        }
        return lane;
    }

    /** Whether a Retry-After pause still holds at {@code now}. */
    boolean paused(Instant now) {
        return pausedUntil.isPresent() && now.isBefore(pausedUntil.get());
    }

    /** The live events held during a catch-up, handed over once. */
    List<Pending> takeHeld() {
        List<Pending> taken = new ArrayList<>(held);
        held.clear();
        return taken;
    }

    /**
     * A failing endpoint piled up more than its share: everything but the failing lane's head is let go (each
     * handed to {@code release}), the head stays as the probe, and the catch-up after it answers starts a minute
     * before the oldest event let go. Returns the probe.
     */
    Pending park(Consumer<Pending> release) {
        Lane probeLane = failingLane;
        Pending probe = probeLane.queue.peek();
        Instant from = oldestQueued(probe.event.createdAt().minusSeconds(60));
        probeLane.queue.poll();
        dropLanes(release);
        probeLane.queue.add(probe);
        lanes.put(probe.event.lane(), probeLane);
        queued = 1;
        state = state.parked();
        parkedFrom = from;
        return probe;
    }

    /** An attempt on {@code lane} succeeded; returns whether that was a parked webhook's probe (catch up now). */
    boolean answered(Lane lane) {
        timingOut = false;
        if (failingLane == lane) {
            failingLane = null;
        }
        boolean probe = state == EndpointState.PARKED;
        state = state.probeAnswered();
        return probe;
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
}
