package io.igrelay.schemas.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/*
 * What readiness decides, as metrics, for every part of a service's HealthMonitor: igrelay_<service>_part_ready{part}
 * (1 or 0), igrelay_<service>_part_lag{part} (records the part has still to read or handle, -1 when unknown) and
 * igrelay_<service>_part_progress_age_seconds{part}. Parts that register later (started once their dependencies
 * answer) get their gauges before the next scrape. Micrometer is optional for users of this artifact: only the
 * services that expose metrics declare it.
 */
public final class ProbeGauges {

    private final MeterRegistry registry;
    private final HealthMonitor health;
    private final String prefix;
    private final Set<String> bound = ConcurrentHashMap.newKeySet();

    /** {@code service}: the metric name's service part, e.g. {@code ingress} or {@code dispatcher}. */
    public ProbeGauges(MeterRegistry registry, HealthMonitor health, String service) {
        this.registry = registry;
        this.health = health;
        this.prefix = "igrelay." + service + ".part.";
    }

    /** Registers the gauges of parts not seen yet (called before each scrape, never during one). */
    public void bindNew() {
        for (Probe probe : health.probes()) {
            String name = probe.name();
            if (bound.add(name)) {
                Gauge.builder(prefix + "ready", health, h -> ready(h, name) ? 1 : 0)
                        .tag("part", name).register(registry);
                Gauge.builder(prefix + "lag", probe, p -> p.snapshot().lag())
                        .tag("part", name).register(registry);
                Gauge.builder(prefix + "progress.age", probe,
                        p -> Duration.between(p.snapshot().lastProgress(), health.clock().instant()).toMillis()
                                / 1000.0).baseUnit("seconds").tag("part", name).register(registry);
            }
        }
    }

    private static boolean ready(HealthMonitor health, String name) {
        return health.report().checks().stream().filter(c -> c.probe().name().equals(name))
                .allMatch(HealthMonitor.Check::ready);
    }
}
