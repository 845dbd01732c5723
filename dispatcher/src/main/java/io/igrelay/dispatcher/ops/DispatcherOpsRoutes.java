package io.igrelay.dispatcher.ops;

import io.igrelay.schemas.ops.HealthMonitor;
import io.igrelay.schemas.ops.KafkaHealth;
import io.igrelay.schemas.ops.ProbeGauges;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/*
 * Operations endpoints of the dispatcher's management port (never exposed publicly). Readiness is UP only while
 * Kafka answers and every part reports ready (each view, loop and consumer has a Probe: one that waits for a
 * dependency, is stuck with lag and no progress, or has died turns it DOWN); liveness fails once a part has been
 * dead, stuck or silent for the longer bound, so an orchestrator restarts the process. Both bodies name every part
 * with its status, lag and reason. Prometheus metrics on /metrics.
 */
public final class DispatcherOpsRoutes {

    private final KafkaHealth kafkaHealth;
    private final PrometheusMeterRegistry metrics;
    private final HealthMonitor health;
    private final ProbeGauges gauges;

    public DispatcherOpsRoutes(KafkaHealth kafkaHealth, PrometheusMeterRegistry metrics, HealthMonitor health) {
        this.kafkaHealth = kafkaHealth;
        this.metrics = metrics;
        this.health = health;
        this.gauges = new ProbeGauges(metrics, health, "dispatcher");
    }

    public void mount(Router router) {
        router.get("/health/live").handler(this::live);
        router.get("/health/ready").handler(this::ready);
        router.get("/metrics").handler(ctx -> {
            gauges.bindNew();
            ctx.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(metrics.scrape());
        });
    }

    private void live(RoutingContext ctx) {
        HealthMonitor.Report report = health.report();
        ctx.response().setStatusCode(report.live() ? 200 : 503);
        ctx.json(new JsonObject().put("status", report.live() ? "UP" : "DOWN")
                .put("checks", new JsonObject(report.checksAsMap(health.clock().instant()))));
    }

    private void ready(RoutingContext ctx) {
        HealthMonitor.Report report = health.report();
        boolean kafkaUp = kafkaHealth.up();
        boolean up = kafkaUp && report.ready();
        JsonObject kafka = new JsonObject().put("up", kafkaUp);
        kafkaHealth.lastError().ifPresent(error -> kafka.put("lastError", error));
        ctx.response().setStatusCode(up ? 200 : 503);
        ctx.json(new JsonObject().put("status", up ? "UP" : "DOWN")
                .put("checks", new JsonObject(report.checksAsMap(health.clock().instant())).put("kafka", kafka)));
    }
}
