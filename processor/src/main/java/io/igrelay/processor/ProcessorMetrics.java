package io.igrelay.processor;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Exposes the topology's counters on /metrics (SPEC 8: what an operator alerts on): malformed raw deliveries and
 * items, events of unknown accounts, duplicates dropped, gate decisions, echoes published after the grace period.
 */
final class ProcessorMetrics {

    private ProcessorMetrics() {
    }

    static void bind(MeterRegistry registry, ProcessorCounters counters) {
        counter(registry, "igrelay.processor.webhooks.malformed", "deliveries", counters.malformedDeliveries);
        counter(registry, "igrelay.processor.webhooks.malformed.items", "items", counters.malformedItems);
        counter(registry, "igrelay.processor.events.unknown.account", "events", counters.unknownAccountEvents);
        counter(registry, "igrelay.processor.events.duplicates", "events", counters.duplicatesDropped);
        counter(registry, "igrelay.processor.outbound.accepted", "messages", counters.outboundAccepted);
        counter(registry, "igrelay.processor.outbound.rejected", "messages", counters.outboundRejected);
        counter(registry, "igrelay.processor.echoes.unmatched", "events", counters.heldEchoesReleased);
    }

    private static void counter(MeterRegistry registry, String name, String unit, AtomicLong value) {
        FunctionCounter.builder(name, value, AtomicLong::doubleValue).baseUnit(unit).register(registry);
    }
}
