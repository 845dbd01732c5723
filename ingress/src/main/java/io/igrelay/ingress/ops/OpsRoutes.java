package io.igrelay.ingress.ops;

import io.igrelay.schemas.ops.HealthMonitor;
import io.igrelay.schemas.ops.KafkaHealth;
import io.igrelay.schemas.ops.ProbeGauges;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Operations endpoints: liveness, readiness and Prometheus metrics, from Kafka's health and every background part
 * of the ingress (views, followers, the spool replayer, the start-up steps) through the shared HealthMonitor.
 * {@code UP} when all are well. When the only parts not ready are waiting for a dependency (Kafka, the registry) or
 * still starting, and a fallback keeps the service's promise without them (the spool takes Meta's deliveries), the
 * answer is {@code 200 DEGRADED}, so a load balancer does not cut Meta off; {@code down} names what is missing
 * (kafka, schema-registry, a view). A part that died or is stuck makes it {@code 503 DOWN}; one dead or stuck for
 * longer fails liveness. Health is on both ports, metrics only on the management port.
 */
public final class OpsRoutes {

    private final KafkaHealth kafkaHealth;
    private final PrometheusMeterRegistry metrics;
    private final HealthMonitor health;
    private final ProbeGauges gauges;
    private final Map<String, Supplier<JsonObject>> details = new LinkedHashMap<>();
    private BooleanSupplier fallback = () -> false;
    private String fallbackName = "";

    public OpsRoutes(KafkaHealth kafkaHealth, PrometheusMeterRegistry metrics, HealthMonitor health) {
        this.kafkaHealth = kafkaHealth;
        this.metrics = metrics;
        this.health = health;
        this.gauges = new ProbeGauges(metrics, health, "ingress");
        Gauge.builder("igrelay_ingress_consumer_lag", health, h -> h.report().totalLag())
                .description("Records the ingress's views and followers have still to read").register(metrics);
    }

    /** Adds a named block to the readiness answer (e.g. the spool's depth and age); it does not decide readiness. */
    public OpsRoutes detail(String name, Supplier<JsonObject> detail) {
        details.put(name, detail);
        return this;
    }

    /** While dependencies are away the service stays ready ({@code DEGRADED}) as long as {@code serving} holds. */
    public OpsRoutes readyWithoutKafkaWhile(String name, BooleanSupplier serving) {
        this.fallbackName = name;
        this.fallback = serving;
        return this;
    }

    public void mountHealth(Router router) {
        router.get("/health/live").handler(this::handleLive);
        router.get("/health/ready").handler(this::handleReady);
    }

    public void mountMetrics(Router router) {
        router.get("/metrics").handler(ctx -> {
            gauges.bindNew();
            ctx.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(metrics.scrape());
        });
    }

    private void handleLive(RoutingContext ctx) {
        HealthMonitor.Report report = health.report();
        ctx.response().setStatusCode(report.live() ? 200 : 503);
        ctx.json(new JsonObject().put("status", report.live() ? "UP" : "DOWN")
                .put("checks", new JsonObject(report.checksAsMap(health.clock().instant()))));
    }

    private void handleReady(RoutingContext ctx) {
        IngressReadiness readiness = IngressReadiness.of(kafkaHealth.up(), health.report(), fallback.getAsBoolean());
        JsonObject kafka = new JsonObject().put("up", kafkaHealth.up());
        kafkaHealth.lastError().ifPresent(error -> kafka.put("lastError", error));
        JsonObject checks = new JsonObject().put("kafka", kafka)
                .put("parts", new JsonObject(readiness.report().checksAsMap(health.clock().instant())));
        details.forEach((name, detail) -> checks.put(name, detail.get()));
        JsonObject answer = new JsonObject().put("status", readiness.status()).put("checks", checks);
        if (!readiness.down().isEmpty()) {
            answer.put("down", new JsonArray(readiness.down()));
        }
        if ("DEGRADED".equals(readiness.status())) {
            answer.put("servingWithoutKafka", fallbackName);
        }
        ctx.response().setStatusCode("DOWN".equals(readiness.status()) ? 503 : 200);
        ctx.json(answer);
    }
}
