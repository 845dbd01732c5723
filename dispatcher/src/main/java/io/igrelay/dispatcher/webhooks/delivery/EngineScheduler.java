package io.igrelay.dispatcher.webhooks.delivery;

import java.time.Instant;

/* Runs a DeliveryEngine task at (or soon after) a time on the engine's context (retries, Retry-After pauses). */
public interface EngineScheduler {
    void at(Instant when, Runnable task);
}
