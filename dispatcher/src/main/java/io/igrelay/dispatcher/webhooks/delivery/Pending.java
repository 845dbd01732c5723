package io.igrelay.dispatcher.webhooks.delivery;

import io.igrelay.dispatcher.webhooks.envelope.QueuedEvent;
import java.time.Instant;
import java.util.Optional;

/*
 * One event on its way to one webhook: the queued record, its queue position (which is also its per-conversation
 * sequence), how many attempts it took so far and when the first one failed (the start of its 72 h). `tracked`
 * events hold back the queue's committed offset; manual retries and replays do not, they report to their job.
 */
final class Pending {

    final QueuedEvent event;
    final int partition;
    final long offset;
    boolean tracked;
    final boolean skipIfDelivered;
    int attempts;
    Optional<Instant> firstFailureAt = Optional.empty();
    Optional<String> truncation = Optional.empty();
    /** The retry/replay job that re-sent it (empty for live events). */
    final Optional<String> jobId;
    private final JobProgress job;
    private boolean settled;

    Pending(QueuedEvent event, int partition, long offset, boolean tracked, boolean skipIfDelivered) {
        this(event, partition, offset, tracked, skipIfDelivered, Optional.empty(), JobProgress.NONE);
    }

    Pending(QueuedEvent event, int partition, long offset, boolean tracked, boolean skipIfDelivered,
            Optional<String> jobId, JobProgress job) {
        this.event = event;
        this.partition = partition;
        this.offset = offset;
        this.tracked = tracked;
        this.skipIfDelivered = skipIfDelivered;
        this.jobId = jobId;
        this.job = job;
    }

    /**
     * Its job is told once that the engine is through with its first try: the first attempt was logged, or the
     * event was skipped, refused or let go (webhook disabled or deleted). Later retries do not count again.
     */
    void settle() {
        if (!settled) {
            settled = true;
            job.settled();
        }
    }
}
