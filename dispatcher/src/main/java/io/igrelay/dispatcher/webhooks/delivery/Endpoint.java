package io.igrelay.dispatcher.webhooks.delivery;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/*
 * The DeliveryEngine's state of one webhook: its lanes (one per conversation, each sending one event at a time),
 * the lanes ready to send, its in-flight count and back-pressure flags (paused on Retry-After, one request at a
 * time while timing out, parked while failing with too much queued, catching up after a re-enable).
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
    boolean catchingUp;
    boolean parked;
    Instant parkedFrom;
    Lane failingLane;
    int queued;
    int inFlight;
    boolean timingOut;
    boolean disabled;
    Instant catchUpFrom;
    Optional<Instant> pausedUntil = Optional.empty();

    Endpoint(String id) {
        this.id = id;
    }

    int limit(int max) {
        return timingOut ? 1 : max;
    }
}
