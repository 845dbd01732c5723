package io.igrelay.processor;

import io.igrelay.processor.failure.FailureParts;
import io.igrelay.processor.failure.ProcessorFailures;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Exposes the topology's counters on /metrics (contract §8: what an operator alerts on): malformed raw deliveries and
 * items, events of unknown accounts, duplicates dropped, gate decisions, echoes published after the grace period.
 */
final class ProcessorMetrics {

    private ProcessorMetrics() {
    }

    static void bind(MeterRegistry registry, ProcessorCounters counters) {
        counter(registry, "igrelay.processor.webhooks.malformed", "deliveries", counters.malformedDeliveries);
        counter(registry, "igrelay.processor.webhooks.malformed.items", "items", counters.malformedItems);
        counter(registry, "igrelay.processor.webhooks.truncated.items", "items", counters.truncatedItems);
        counter(registry, "igrelay.processor.events.unknown.account", "events", counters.unknownAccountEvents);
        counter(registry, "igrelay.processor.events.duplicates", "events", counters.duplicatesDropped);
        counter(registry, "igrelay.processor.outbound.accepted", "messages", counters.outboundAccepted);
        counter(registry, "igrelay.processor.outbound.rejected", "messages", counters.outboundRejected);
        counter(registry, "igrelay.processor.echoes.unmatched", "events", counters.heldEchoesReleased);
        counter(registry, "igrelay.processor.events.timestamp.out.of.range", "events", counters.timestampsOutOfRange);
    }

    /**
     * The failure policy's counters, stream-thread deaths, records skipped by the global stores, and the main
     * consumers' lag (what an operator alerts on when the pipeline falls behind).
     */
    static void bindFailures(MeterRegistry registry, FailureParts failures, LongSupplier lag) {
        ProcessorFailures policy = failures.failures();
        counter(registry, "igrelay.processor.dead.letters", "records", policy.deadLettered);
        counter(registry, "igrelay.processor.failures.dependency", "failures", policy.dependencyFailures);
        counter(registry, "igrelay.processor.failures.retried", "failures", policy.retriedFailures);
        counter(registry, "igrelay.processor.refused.outputs", "records", policy.refusedOutputs);
        counter(registry, "igrelay.processor.global.skipped", "records", failures.globalGuard().skipped());
        FunctionCounter.builder("igrelay.processor.stream.thread.deaths", failures.threadRecovery().total,
                AtomicLong::doubleValue).register(registry);
        Gauge.builder("igrelay.processor.consumer.lag", lag, supplier -> Math.max(0, supplier.getAsLong()))
                .strongReference(true).baseUnit("records").register(registry);
    }

    private static void counter(MeterRegistry registry, String name, String unit, AtomicLong value) {
        FunctionCounter.builder(name, value, AtomicLong::doubleValue).baseUnit(unit).register(registry);
    }
}
