package io.igrelay.bench.dispatcher;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The dispatcher's counters and gauges on one line (name{tags}=value, zeros left out), for a row that failed: the
 * sends, retries with their reasons, restarts, pauses and dead letters say where the missing calls went.
 */
final class DispatcherMeters {

    private DispatcherMeters() {
    }

    static String summary(MeterRegistry meters) {
        return meters.getMeters().stream()
                .filter(m -> m instanceof Counter || m instanceof Gauge)
                .filter(m -> value(m) != 0)
                .map(m -> String.format(Locale.ROOT, "%s=%.0f", describe(m), value(m)))
                .sorted()
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String describe(Meter meter) {
        String tags = meter.getId().getTags().stream().map(t -> t.getKey() + "=" + t.getValue())
                .collect(Collectors.joining(","));
        return meter.getId().getName() + (tags.isEmpty() ? "" : "{" + tags + "}");
    }

    private static double value(Meter meter) {
        return meter instanceof Counter c ? c.count() : ((Gauge) meter).value();
    }
}
