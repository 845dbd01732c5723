package io.igrelay.dispatcher.send;

import io.igrelay.schemas.failure.FailureKind;
import io.igrelay.schemas.failure.FailurePolicy;
import io.igrelay.schemas.ops.Probe;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * The hub's FailurePolicy for the Send API path, per dispatch record: counts the failures of each record in flight,
 * turns a retry verdict into RetryLater (the parallel consumer brings the record back after the backoff, ahead of its
 * conversation's later records), and hands a dead-letter verdict back to the pipeline. It also keeps the path's Probe
 * honest: progress on every finished record, WAITING when a dependency (registry, Meta) fails while nothing has got
 * through for a few seconds, so one slow conversation does not make a working path look down.
 */
final class SendFailures {

    private static final Logger LOG = LoggerFactory.getLogger(SendFailures.class);
    private static final Duration QUIET_BEFORE_WAITING = Duration.ofSeconds(5);

    private final FailurePolicy policy;
    private final Probe probe;
    private final Clock clock;
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    SendFailures(FailurePolicy policy, Probe probe, Clock clock) {
        this.policy = policy;
        this.probe = probe;
        this.clock = clock;
    }

    /** Counts a failure of record {@code id}: throws RetryLater to try again, or returns the dead-letter verdict. */
    FailurePolicy.DeadLetter retryOrGiveUp(String id, RuntimeException error) {
        int attempts = failures.merge(id, 1, Integer::sum);
        FailurePolicy.Verdict verdict = policy.decide(error, attempts, ThreadLocalRandom.current());
        if (verdict instanceof FailurePolicy.Retry retry) {
            if (retry.kind() == FailureKind.DEPENDENCY_UNAVAILABLE) {
                dependencyAway(retry.reason());
            } else {
                LOG.warn("record {} failed (attempt {}), trying again: {}", id, attempts, retry.reason());
            }
            throw new RetryLater(retry.reason(), retry.after());
        }
        failures.remove(id);
        return (FailurePolicy.DeadLetter) verdict;
    }

    /** A dependency failed a record; WAITING only if nothing got through for a while. */
    void dependencyAway(String reason) {
        if (Duration.between(probe.snapshot().lastProgress(), clock.instant()).compareTo(QUIET_BEFORE_WAITING) > 0) {
            probe.waiting(reason);
        }
    }

    /** The record is finished (outcome queued, skipped or dead-lettered). */
    void finished(String id) {
        failures.remove(id);
        probe.progressed();
    }

    /** Forgets the records of a revoked partition ({@code prefix} = "topic-partition@"). */
    void forget(String prefix) {
        failures.keySet().removeIf(id -> id.startsWith(prefix));
    }
}
