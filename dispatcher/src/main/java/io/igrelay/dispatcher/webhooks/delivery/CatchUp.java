package io.igrelay.dispatcher.webhooks.delivery;

import java.time.Instant;

/*
 * Re-sends what was queued for a webhook since a queue time into the engine that asks (the QueueReplayer): the
 * engine is an argument, not a field, so the replayer is built before the engine and neither holds the other.
 */
public interface CatchUp {
    void since(WebhookTarget target, Instant from, DeliveryEngine into);
}
