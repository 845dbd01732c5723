package io.igrelay.ingress.meta.intake;

import io.igrelay.ingress.spool.SpoolingPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The webhook intake's meters (contract §8): deliveries accepted by route and rejected by reason (a rising
 * signature-failure rate is an alert), malformed-but-signed bodies, bytes received, and the latency from receipt
 * to the answer, as a histogram so p99 can be alerted on.
 */
final class WebhookMetrics {

    private final MeterRegistry registry;
    private final Map<SpoolingPublisher.Route, Counter> acceptedByRoute = new EnumMap<>(SpoolingPublisher.Route.class);
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Counter malformed;
    private final DistributionSummary bytes;
    private final Timer ackLatency;

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.malformed = Counter.builder("igrelay_ingress_webhook_malformed")
                .description("Correctly signed deliveries that are not an instagram JSON object (recorded anyway)")
                .register(registry);
        this.bytes = DistributionSummary.builder("igrelay_ingress_webhook_body_bytes").baseUnit("bytes")
                .register(registry);
        this.ackLatency = Timer.builder("igrelay_ingress_webhook_ack")
                .description("From receipt to the 200: Kafka acknowledgement or spool fsync")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
        for (SpoolingPublisher.Route route : SpoolingPublisher.Route.values()) {
            acceptedByRoute.put(route, deliveries("accepted", route.name().toLowerCase(Locale.ROOT)));
        }
    }

    void accepted(SpoolingPublisher.Route route, int size, long receivedNanos) {
        acceptedByRoute.get(route).increment();
        bytes.record(size);
        ackLatency.record(System.nanoTime() - receivedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    void rejected(String reason) {
        rejected.computeIfAbsent(reason, r -> deliveries("rejected", r)).increment();
    }

    private Counter deliveries(String outcome, String reason) {
        return Counter.builder("igrelay_ingress_webhook_deliveries").tag("outcome", outcome).tag("reason", reason)
                .register(registry);
    }

    void malformed() {
        malformed.increment();
    }
}
