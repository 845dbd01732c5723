package io.igrelay.ingress.spool;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What an operator alerts on for the spool (contract §8): its depth in records and bytes, the age of its oldest record,
 * the breaker's state, how often Kafka was given up on, and what the replayer moved (or found already delivered).
 */
public final class SpoolMetrics {

    final Counter trips;
    final Counter replayed;
    final Counter alreadyDelivered;
    final Counter replayFailures;

    public SpoolMetrics(MeterRegistry registry, Spool spool, CircuitBreaker breaker) {
        Gauge.builder("igrelay_ingress_spool_records", spool, Spool::records)
                .description("Deliveries in the local spool waiting for Kafka").register(registry);
        Gauge.builder("igrelay_ingress_spool_bytes", spool, Spool::bytes)
                .description("Bytes in the local spool").register(registry);
        Gauge.builder("igrelay_ingress_spool_capacity_bytes", spool, Spool::maxBytes)
                .description("Configured spool size limit").register(registry);
        Gauge.builder("igrelay_ingress_spool_oldest_age_seconds", spool, s -> s.oldestAgeMillis() / 1000.0)
                .description("Age of the oldest spooled delivery").register(registry);
        Gauge.builder("igrelay_ingress_kafka_breaker_open", breaker, b -> b.isClosed() ? 0 : 1)
                .description("1 while the Kafka circuit breaker is open or half-open").register(registry);
        Counter.builder("igrelay_ingress_spool_corrupt_records_skipped").register(registry)
                .increment(spool.corruptRecoveries());
        trips = Counter.builder("igrelay_ingress_kafka_breaker_trips").register(registry);
        replayed = Counter.builder("igrelay_ingress_spool_replayed").register(registry);
        alreadyDelivered = Counter.builder("igrelay_ingress_spool_already_delivered")
                .description("Spooled deliveries whose first send was acknowledged late, so not replayed")
                .register(registry);
        replayFailures = Counter.builder("igrelay_ingress_spool_replay_failures").register(registry);
    }
}
