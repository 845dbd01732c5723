package io.igrelay.dispatcher.webhooks.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/*
 * What an operator alerts on for Application webhooks: attempts by outcome, disabled webhooks and the duration of
 * each attempt. Tagged only by outcome, never by webhook or endpoint (unbounded cardinality, customer data).
 */
public final class DeliveryMetrics {

    private final Counter success;
    private final Counter failure;
    private final Counter disabled;
    private final Timer duration;

    public DeliveryMetrics(MeterRegistry registry) {
        this.success = Counter.builder("igrelay.webhook.attempts").tag("outcome", "success").register(registry);
        this.failure = Counter.builder("igrelay.webhook.attempts").tag("outcome", "failure").register(registry);
        this.disabled = Counter.builder("igrelay.webhook.disabled").register(registry);
        this.duration = Timer.builder("igrelay.webhook.attempt.duration").register(registry);
    }

    public void attempted(AttemptRecord record) {
        (record.success() ? success : failure).increment();
        duration.record(Duration.ofMillis(record.durationMs()));
    }

    public void disabled() {
        disabled.increment();
    }
}
