package io.igrelay.dispatcher.webhooks.delivery;

import io.igrelay.dispatcher.webhooks.envelope.BodyCap;
import io.igrelay.dispatcher.webhooks.envelope.QueuedEvent;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/*
 * The per-webhook queues of issue 8 (point 6): every webhook has its own lanes, one per conversation, each sending
 * one event at a time in queue order; a webhook has at most `maxInFlight` requests open, pauses on Retry-After and
 * drops to one request while its endpoint times out, so no webhook, conversation or Application waits for another.
 * Bodies over the cap are truncated by BodyCap (or, if they cannot fit, logged as BODY_TOO_LARGE and skipped).
 * Single-threaded: every method runs on one Vert.x context (tests call it directly with synchronous fakes).
 */
public final class DeliveryEngine {

    /** Sends one body to one webhook (signing included). */
    public interface Transport {
        Future<AttemptResult> deliver(WebhookTarget target, String body);
    }

    /** Runs a task at (or soon after) a time on the engine's context. */
    public interface Scheduler {
        void at(Instant when, Runnable task);
    }

    /** Where the engine reports: the attempt log and the webhook's health. */
    public interface Listener {
        void attempted(AttemptRecord record);

        void disable(WebhookTarget target, String reason, Instant at);

        /** A parked webhook answered again: re-send what was queued for it since {@code from}. */
        void catchUp(WebhookTarget target, Instant from);
    }

    /** The registered webhooks as the delivery sees them. */
    public interface Directory {
        Optional<WebhookTarget> get(String webhookId);

        List<WebhookTarget> matching(QueuedEvent event);
    }

    /** The errorClass of an event that does not fit the body cap even with its content left out. */
    public static final String BODY_TOO_LARGE = "BODY_TOO_LARGE";

    private final Directory directory;
    private final Transport transport;
    private final Scheduler scheduler;
    private final Listener listener;
    private final RetryPolicy policy;
    private final DeliveredSet delivered;
    private final Clock clock;
    private final int maxInFlight;
    private final int maxQueuedPerEndpoint;
    private final int maxBodyBytes;
    private final OffsetTracker offsets = new OffsetTracker();
    private final Map<String, Endpoint> endpoints = new HashMap<>();

    public DeliveryEngine(Directory directory, Transport transport, Scheduler scheduler, Listener listener,
            RetryPolicy policy, DeliveredSet delivered, Clock clock, int maxInFlight, int maxQueuedPerEndpoint,
            int maxBodyBytes) {
        this.directory = directory;
        this.transport = transport;
        this.scheduler = scheduler;
        this.listener = listener;
        this.policy = policy;
        this.delivered = delivered;
        this.clock = clock;
        this.maxInFlight = maxInFlight;
        this.maxQueuedPerEndpoint = maxQueuedPerEndpoint;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** A record read from the live queue: fanned out to every verified, enabled webhook that wants it. */
    public void accept(QueuedEvent event, int partition, long offset) {
        List<WebhookTarget> targets = new ArrayList<>();
        for (WebhookTarget target : directory.matching(event)) {
            Endpoint endpoint = endpoint(target.webhookId());
            if (target.verified() && target.enabled() && !endpoint.disabled && !endpoint.parked) {
                targets.add(target);
            }
        }
        offsets.register(partition, offset, targets.size());
        for (WebhookTarget target : targets) {
            Endpoint endpoint = endpoint(target.webhookId());
            Pending pending = new Pending(event, partition, offset, true, true);
            if (endpoint.catchingUp) {
                endpoint.held.add(pending); // behind the older events the catch-up is still reading
            } else {
                enqueue(endpoint, pending);
            }
        }
    }

    /** The catch-up replay of a re-enabled webhook finished: live events held meanwhile go out now. */
    public void caughtUp(String webhookId) {
        Endpoint endpoint = endpoint(webhookId);
        endpoint.catchingUp = false;
        List<Pending> held = new ArrayList<>(endpoint.held);
        endpoint.held.clear();
        held.forEach(p -> enqueue(endpoint, p));
    }

    /** A catch-up re-send (not tracked by the live offsets); `skipIfDelivered` skips what the webhook has. */
    public void resend(String webhookId, QueuedEvent event, int partition, long offset, boolean skipIfDelivered) {
        enqueue(endpoint(webhookId), new Pending(event, partition, offset, false, skipIfDelivered));
    }

    /**
     * A manual retry or replay of job {@code jobId}: its attempts are logged with the job id, and the job is told
     * when the engine is through with the event's first try (see {@link Pending#settle}).
     */
    public void resend(String webhookId, QueuedEvent event, int partition, long offset, String jobId,
            JobProgress job) {
        enqueue(endpoint(webhookId), new Pending(event, partition, offset, false, false, Optional.ofNullable(jobId),
                job));
    }

    /**
     * The webhook changed in hub.webhooks: a disable drops its lanes (the events stay on the queue), a re-enable
     * lets it receive again. On a re-enable it returns the queue time to catch up from (the oldest event it had
     * not received; for a webhook found disabled at start-up, its disable time minus the retry horizon), and the
     * caller starts the catch-up replay.
     */
    public Optional<Instant> changed(WebhookTarget target) {
        Endpoint endpoint = endpoint(target.webhookId());
        if (!target.enabled() && !endpoint.disabled) {
            disableLocally(endpoint, target.disabledAt().orElse(clock.instant()).minus(policy.horizon()));
        } else if (target.enabled() && endpoint.disabled) {
            endpoint.disabled = false;
            endpoint.catchingUp = true;
            return Optional.of(endpoint.catchUpFrom);
        }
        return Optional.empty();
    }

    private void disableLocally(Endpoint endpoint, Instant fallbackFrom) {
        Instant from = oldestQueued(endpoint, fallbackFrom);
        dropLanes(endpoint);
        endpoint.disabled = true;
        endpoint.parked = false;
        endpoint.catchUpFrom = endpoint.catchUpFrom != null && endpoint.catchUpFrom.isBefore(from)
                ? endpoint.catchUpFrom : from;
    }

    /** A minute before the oldest event queued or held for the endpoint (queue time), or the fallback. */
    private static Instant oldestQueued(Endpoint endpoint, Instant fallback) {
        Instant from = null;
        for (Endpoint.Lane lane : endpoint.lanes.values()) {
            for (Pending p : lane.queue) {
                from = from == null || p.event.createdAt().isBefore(from) ? p.event.createdAt() : from;
            }
        }
        for (Pending p : endpoint.held) {
            from = from == null || p.event.createdAt().isBefore(from) ? p.event.createdAt() : from;
        }
        return from == null ? fallback : from.minusSeconds(60);
    }

    public void removed(String webhookId) {
        Endpoint endpoint = endpoints.remove(webhookId);
        if (endpoint != null) {
            dropLanes(endpoint);
        }
    }

    public OptionalLong committable(int partition) {
        return offsets.committable(partition);
    }

    public void forgetPartition(int partition) {
        offsets.forget(partition);
    }

    public int pendingRecords() {
        return offsets.openCount();
    }

    private Endpoint endpoint(String webhookId) {
        return endpoints.computeIfAbsent(webhookId, Endpoint::new);
    }

    private void enqueue(Endpoint endpoint, Pending pending) {
        Endpoint.Lane lane = endpoint.lanes.computeIfAbsent(pending.event.igsid(), k -> new Endpoint.Lane());
        lane.queue.add(pending);
        endpoint.queued++;
        if (endpoint.failingLane != null && endpoint.queued > maxQueuedPerEndpoint) {
            park(endpoint);
            return;
        }
        if (!lane.busy && lane.queue.size() == 1) {
            endpoint.ready.add(lane);
        }
        pump(endpoint);
    }

    private void pump(Endpoint endpoint) {
        Instant now = clock.instant();
        if (endpoint.pausedUntil.isPresent() && now.isBefore(endpoint.pausedUntil.get())) {
            return;
        }
        while (endpoint.inFlight < endpoint.limit(maxInFlight) && !endpoint.ready.isEmpty()) {
            attempt(endpoint, endpoint.ready.poll());
        }
    }

    private void attempt(Endpoint endpoint, Endpoint.Lane lane) {
        Pending pending = lane.queue.peek();
        Optional<WebhookTarget> target = directory.get(endpoint.id);
        if (target.isEmpty() || !target.get().enabled() || endpoint.disabled) {
            disableLocally(endpoint, target.flatMap(WebhookTarget::disabledAt).orElse(clock.instant())
                    .minus(policy.horizon()));
            return;
        }
        if (pending.skipIfDelivered && delivered.contains(endpoint.id, pending.event.eventId())) {
            pending.settle();
            advance(endpoint, lane);
            return;
        }
        Instant sendAt = clock.instant();
        BodyCap.Fitted body = BodyCap.fit(pending.event.body(pending.offset, false), maxBodyBytes);
        pending.truncation = body.note();
        if (body.refused()) {
            refuse(endpoint, lane, pending, target.get(), sendAt);
            return;
        }
        lane.busy = true;
        endpoint.inFlight++;
        transport.deliver(target.get(), body.body().get())
                .otherwise(e -> AttemptResult.failed("INTERNAL", Duration.between(sendAt, clock.instant())
                        .toMillis()))
                .onSuccess(result -> completed(endpoint, lane, pending, target.get(), result, sendAt));
    }

    /**
     * An event whose body cannot be brought under the cap is never sent: one Failed attempt with errorClass
     * BODY_TOO_LARGE and no next attempt is logged (a retry or replay logs it again), and its conversation moves on.
     */
    private void refuse(Endpoint endpoint, Endpoint.Lane lane, Pending pending, WebhookTarget target,
            Instant sendAt) {
        pending.attempts++;
        listener.attempted(AttemptRecord.of(target, pending, AttemptResult.failed(BODY_TOO_LARGE, 0), sendAt,
                Optional.empty(), pending.truncation));
        pending.settle();
        advance(endpoint, lane);
    }

    private void completed(Endpoint endpoint, Endpoint.Lane lane, Pending pending, WebhookTarget target,
            AttemptResult result, Instant sendAt) {
        endpoint.inFlight--;
        lane.busy = false;
        pending.attempts++;
        Instant now = clock.instant();
        if (result.success()) {
            endpoint.timingOut = false;
            if (endpoint.failingLane == lane) {
                endpoint.failingLane = null;
            }
            if (endpoint.parked) {
                endpoint.parked = false;
                endpoint.catchingUp = true;
                listener.catchUp(target, endpoint.parkedFrom);
            }
            delivered.add(endpoint.id, pending.event.eventId());
            listener.attempted(AttemptRecord.of(target, pending, result, sendAt, Optional.empty(),
                    pending.truncation));
            if (endpoint.lanes.get(pending.event.igsid()) == lane) {
                advance(endpoint, lane);
            }
        } else {
            failed(endpoint, lane, pending, target, result, sendAt, now);
        }
        pending.settle(); // after the attempt was logged
        pump(endpoint);
    }

    private void failed(Endpoint endpoint, Endpoint.Lane lane, Pending pending, WebhookTarget target,
            AttemptResult result,
            Instant sendAt, Instant now) {
        Instant firstFailure = pending.firstFailureAt.orElse(sendAt);
        pending.firstFailureAt = Optional.of(firstFailure);
        endpoint.timingOut = result.errorClass().filter("TIMEOUT"::equals).isPresent();
        RetryPolicy.Decision decision = policy.afterFailure(pending.attempts, firstFailure, now,
                result.statusCode(), result.retryAfter());
        listener.attempted(AttemptRecord.of(target, pending, result, sendAt, decision.retryAt(),
                pending.truncation));
        if (endpoint.lanes.get(pending.event.igsid()) != lane) {
            return; // dropped meanwhile (disabled or deleted)
        }
        if (decision.disableReason().isPresent()) {
            disableLocally(endpoint, now.minus(policy.horizon()));
            listener.disable(target, decision.disableReason().get(), now);
            return;
        }
        Instant retryAt = decision.retryAt().orElseThrow();
        endpoint.failingLane = lane;
        if (result.statusCode() == 429 || result.retryAfter().isPresent()) {
            endpoint.pausedUntil = Optional.of(retryAt);
            scheduler.at(retryAt, () -> pump(endpoint));
        }
        lane.busy = true;
        scheduler.at(retryAt, () -> {
            lane.busy = false;
            if (endpoint.lanes.get(pending.event.igsid()) == lane && !lane.queue.isEmpty()) {
                endpoint.ready.add(lane);
                pump(endpoint);
            }
        });
    }

    /**
     * A failing endpoint piled up more than its share: its queued events are let go (they stay on the queue, so
     * the live offsets move on and no other webhook waits), only the failing head stays as a probe, and once the
     * probe succeeds everything since the oldest released event is replayed in order.
     */
    private void park(Endpoint endpoint) {
        Endpoint.Lane probeLane = endpoint.failingLane;
        Pending probe = probeLane.queue.peek();
        Instant from = oldestQueued(endpoint, probe.event.createdAt().minusSeconds(60));
        probeLane.queue.poll();
        dropLanes(endpoint);
        if (probe.tracked) {
            offsets.done(probe.partition, probe.offset);
            probe.tracked = false;
        }
        probeLane.queue.add(probe);
        endpoint.lanes.put(probe.event.igsid(), probeLane);
        endpoint.queued = 1;
        endpoint.parked = true;
        endpoint.parkedFrom = from;
    }

    private void advance(Endpoint endpoint, Endpoint.Lane lane) {
        Pending done = lane.queue.poll();
        endpoint.queued = Math.max(0, endpoint.queued - 1);
        if (done != null && done.tracked) {
            offsets.done(done.partition, done.offset);
        }
        if (lane.queue.isEmpty()) {
            endpoint.lanes.remove(done == null ? null : done.event.igsid());
        } else {
            endpoint.ready.add(lane);
        }
    }

    private void dropLanes(Endpoint endpoint) {
        for (Endpoint.Lane lane : endpoint.lanes.values()) {
            for (Pending pending : lane.queue) {
                if (pending.tracked) {
                    offsets.done(pending.partition, pending.offset);
                }
                pending.settle();
            }
            lane.queue.clear();
        }
        endpoint.lanes.clear();
        endpoint.ready.clear();
        endpoint.held.forEach(p -> {
            offsets.done(p.partition, p.offset);
            p.settle();
        });
        endpoint.held.clear();
        endpoint.queued = 0;
        endpoint.failingLane = null;
    }

}
