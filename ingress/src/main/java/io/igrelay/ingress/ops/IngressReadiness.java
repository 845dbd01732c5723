package io.igrelay.ingress.ops;

import io.igrelay.schemas.ops.HealthMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The ingress's one readiness rule. UP: Kafka answers and every part is ready. DEGRADED (still ready, 200): the
 * parts not ready only wait for a dependency or are starting, and the fallback (the spool) takes Meta's deliveries.
 * DOWN (503) otherwise: a part died or is stuck, or nothing keeps the intake's promise. {@code down} names each
 * missing piece: "kafka" and every part not ready with its reason (e.g. "start-up: schema-registry: ...").
 */
public record IngressReadiness(String status, List<String> down, HealthMonitor.Report report) {

    private static final Set<String> WAITING = Set.of("WAITING", "STARTING");

    public static IngressReadiness of(boolean kafkaUp, HealthMonitor.Report report, boolean fallbackServes) {
        List<String> down = new ArrayList<>();
        if (!kafkaUp) {
            down.add("kafka");
        }
        boolean onlyWaiting = true;
        for (HealthMonitor.Check check : report.checks()) {
            if (!check.ready()) {
                String reason = check.probe().reason();
                down.add(check.probe().name() + " " + check.status() + (reason == null ? "" : ": " + reason));
                onlyWaiting &= WAITING.contains(check.status());
            }
        }
        String status = down.isEmpty() ? "UP" : onlyWaiting && fallbackServes ? "DEGRADED" : "DOWN";
        return new IngressReadiness(status, List.copyOf(down), report);
    }
}
