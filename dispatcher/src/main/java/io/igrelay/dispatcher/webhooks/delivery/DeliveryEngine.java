package io.igrelay.dispatcher.webhooks.delivery;

import io.igrelay.dispatcher.webhooks.envelope.BodyCap;
import io.igrelay.dispatcher.webhooks.envelope.QueuedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/*
 * The per-webhook queues: every webhook has its own lanes, one per conversation, each sending
 * one event at a time in queue order; a webhook has at most `maxInFlight` requests open, pauses on Retry-After and
 * drops to one request while its endpoint times out, so no webhook, conversation or Application waits for another.
 * Bodies over the cap are truncated by BodyCap (or, if they cannot fit, logged as BODY_TOO_LARGE and skipped).
 * Single-threaded: every method runs on one Vert.x context (tests call it directly with synchronous fakes).
 */
public final class DeliveryEngine {

    /** The engine's capacities (from WebhookSettings): requests open and events queued per webhook, body bytes. */
    public record Limits(int maxInFlight, int maxQueuedPerEndpoint, int maxBodyBytes) {
    }

    /** The errorClass of an event that does not fit the body cap even with its content left out. */
    public static final String BODY_TOO_LARGE = "BODY_TOO_LARGE";

    private final TargetDirectory directory;
    private final WebhookTransport transport;
    private final EngineScheduler scheduler;
    private final EngineListener listener;
    private final CatchUp catchUp;
    private final RetryPolicy policy;
    private final DeliveredSet delivered;
    private final Clock clock;
    private final Limits limits;
    private final OffsetTracker offsets = new OffsetTracker();
    private final Map<String, Endpoint> endpoints = new HashMap<>();
    /** Per partition, the queue's end when it was assigned: only records below it may have gone out before. */
    private final Map<Integer, Long> seenBefore = new HashMap<>();

    public DeliveryEngine(TargetDirectory directory, WebhookTransport transport, EngineScheduler scheduler, EngineListener listener,
            CatchUp catchUp, RetryPolicy policy, DeliveredSet delivered, Clock clock, Limits limits) {
        this.directory = directory;
        this.transport = transport;
        this.scheduler = scheduler;
        this.listener = listener;
        this.catchUp = catchUp;
        this.policy = policy;
        this.delivered = delivered;
        this.clock = clock;
        this.limits = limits;
    }

    /** A record read from the live queue: fanned out to every verified, enabled webhook that wants it. */
    public void accept(QueuedEvent event, int partition, long offset) {
        List<WebhookTarget> targets = new ArrayList<>();
        for (WebhookTarget target : directory.matching(event)) {
            Endpoint endpoint = endpoint(target.webhookId());
            if (target.verified() && target.enabled() && endpoint.state().takesLive()) {
                targets.add(target);
            }
        }
        offsets.register(partition, offset, targets.size());
        for (WebhookTarget target : targets) {
            Endpoint endpoint = endpoint(target.webhookId());
            Pending pending = new Pending(event, partition, offset, true, mayHaveGoneOut(partition, offset));
            if (!endpoint.hold(pending)) { // held: behind the older events the catch-up is still reading
                enqueue(endpoint, pending);
            }
        }
    }

    /** A queue record that was dead-lettered: nothing to deliver, its offset may be committed. */
    public void skip(int partition, long offset) {
        offsets.register(partition, offset, 0);
    }

    /** The catch-up replay of a re-enabled webhook finished: live events held meanwhile go out now. */
    public void caughtUp(String webhookId) {
        Endpoint endpoint = endpoint(webhookId);
        endpoint.caughtUp().forEach(p -> enqueue(endpoint, p));
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
        if (!target.enabled() && !endpoint.disabled()) {
            disableLocally(endpoint, target.disabledAt().orElse(clock.instant()).minus(policy.horizon()));
        } else if (target.enabled() && endpoint.disabled()) {
            return Optional.of(endpoint.reEnable());
        }
        return Optional.empty();
    }

    private void disableLocally(Endpoint endpoint, Instant fallbackFrom) {
        endpoint.disable(fallbackFrom, this::release);
    }

    public void removed(String webhookId) {
        Endpoint endpoint = endpoints.remove(webhookId);
        if (endpoint != null) {
            endpoint.dropLanes(this::release);
        }
    }

    public OptionalLong committable(int partition) {
        return offsets.committable(partition);
    }

    public void forgetPartition(int partition) {
        offsets.forget(partition);
        seenBefore.remove(partition);
    }

    /**
     * The live queue's partition was assigned when its end was {@code endOffset}. A record at or after it was written
     * after this dispatcher took the partition over, so no earlier run (this process's or another's) can have
     * delivered it: it goes out without asking the attempt log, a store read that would otherwise be paid on the
     * engine's thread for every live event. Records below it are the ones a restart or rebalance reads again.
     */
    public void assigned(int partition, long endOffset) {
        seenBefore.put(partition, endOffset);
    }

    private boolean mayHaveGoneOut(int partition, long offset) {
        return offset < seenBefore.getOrDefault(partition, Long.MAX_VALUE);
    }

    public int pendingRecords() {
        return offsets.openCount();
    }

    private Endpoint endpoint(String webhookId) {
        return endpoints.computeIfAbsent(webhookId, Endpoint::new);
    }

    private void enqueue(Endpoint endpoint, Pending pending) {
        endpoint.add(pending);
        if (endpoint.overflowing(limits.maxQueuedPerEndpoint())) {
            park(endpoint);
            return;
        }
        pump(endpoint);
    }

    private void pump(Endpoint endpoint) {
        if (endpoint.paused(clock.instant())) {
            return;
        }
        Optional<Endpoint.Lane> lane;
        while ((lane = endpoint.nextToSend(limits.maxInFlight())).isPresent()) {
            attempt(endpoint, lane.get());
        }
    }

    private void attempt(Endpoint endpoint, Endpoint.Lane lane) {
        Pending pending = lane.head();
        Optional<WebhookTarget> target = directory.get(endpoint.id());
        if (target.isEmpty() || !target.get().enabled() || endpoint.disabled()) {
            disableLocally(endpoint, target.flatMap(WebhookTarget::disabledAt).orElse(clock.instant())
                    .minus(policy.horizon()));
            return;
        }
        if (pending.skipIfDelivered && delivered.contains(endpoint.id(), pending.event.eventId())) {
            pending.settle();
            advance(endpoint, lane);
            return;
        }
        Instant sendAt = clock.instant();
        BodyCap.Fitted body = BodyCap.fit(pending.event.body(pending.offset, false), limits.maxBodyBytes());
        pending.truncation = body.note();
        if (body.refused()) {
            refuse(endpoint, lane, pending, target.get(), sendAt);
            return;
        }
        endpoint.sending(lane);
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
        endpoint.returned(lane);
        pending.attempts++;
        Instant now = clock.instant();
        if (result.success()) {
            endpoint.answered(lane).ifPresent(from -> catchUp.since(target, from, this));
            delivered.add(endpoint.id(), pending.event.eventId());
            listener.attempted(AttemptRecord.of(target, pending, result, sendAt, Optional.empty(),
                    pending.truncation));
            if (endpoint.owns(pending, lane)) {
                advance(endpoint, lane);
            }
        } else {
            failed(endpoint, lane, pending, target, result, sendAt, now);
        }
        pending.settle(); // after the attempt was logged
        pump(endpoint);
    }

    private void failed(Endpoint endpoint, Endpoint.Lane lane, Pending pending, WebhookTarget target,
            AttemptResult result, Instant sendAt, Instant now) {
        Instant firstFailure = pending.firstFailureAt.orElse(sendAt);
        pending.firstFailureAt = Optional.of(firstFailure);
        endpoint.failed(result.errorClass().filter("TIMEOUT"::equals).isPresent());
        RetryPolicy.Decision decision = policy.afterFailure(pending.attempts, firstFailure, now,
                result.statusCode(), result.retryAfter());
        listener.attempted(AttemptRecord.of(target, pending, result, sendAt, decision.retryAt(),
                pending.truncation));
        if (!endpoint.owns(pending, lane)) {
            return; // dropped meanwhile (disabled or deleted)
        }
        if (decision.disableReason().isPresent()) {
            disableLocally(endpoint, now.minus(policy.horizon()));
            listener.disable(target, decision.disableReason().get(), now);
            return;
        }
        Instant retryAt = decision.retryAt().orElseThrow();
        boolean pause = result.statusCode() == 429 || result.retryAfter().isPresent();
        endpoint.retrying(lane, pause ? Optional.of(retryAt) : Optional.empty());
        if (pause) {
            scheduler.at(retryAt, () -> pump(endpoint));
        }
        scheduler.at(retryAt, () -> {
            if (endpoint.retryDue(pending, lane)) {
                pump(endpoint);
            }
        });
    }

    /** Parks a failing endpoint (see Endpoint#park): the probe no longer holds back the live offsets. */
    private void park(Endpoint endpoint) {
        Pending probe = endpoint.park(this::release);
        if (probe.tracked) {
            offsets.done(probe.partition, probe.offset);
            probe.tracked = false;
        }
    }

    private void advance(Endpoint endpoint, Endpoint.Lane lane) {
        Pending done = endpoint.advance(lane);
        if (done != null && done.tracked) {
            offsets.done(done.partition, done.offset);
        }
    }

    /** Lets go of one event queued for an endpoint: the offsets move on, its job is told. */
    private void release(Pending pending) {
        if (pending.tracked) {
            offsets.done(pending.partition, pending.offset);
        }
        pending.settle();
    }
}
