package io.igrelay.dispatcher.webhooks.delivery;

import io.igrelay.dispatcher.webhooks.envelope.QueuedEvent;
import java.time.Instant;
import java.util.Optional;

/*
 * One event on its way to one webhook: the queued record, its queue position (which is also its per-conversation
 * sequence), how many attempts it took so far and when the first one failed (the start of its 72 h). `tracked`
 * events hold back the queue's committed offset; manual retries and replays do not.
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

    Pending(QueuedEvent event, int partition, long offset, boolean tracked, boolean skipIfDelivered) {
        this.event = event;
        this.partition = partition;
        this.offset = offset;
        this.tracked = tracked;
        this.skipIfDelivered = skipIfDelivered;
    }
}
