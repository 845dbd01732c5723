package io.igrelay.ingress.ops;

import io.igrelay.schemas.ops.KafkaHealth;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Operations endpoints (SPEC 5.4): liveness, readiness and Prometheus metrics. Ready while Kafka answers; while it
 * does not, still ready but {@code DEGRADED} if a fallback says the service keeps its promise without it (the
 * ingress's spool takes Meta's deliveries), so a load balancer does not cut Meta off during a Kafka outage.
 * Health is mounted on both the public and the management port; metrics only on the management port.
 */
public final class OpsRoutes {

    private final KafkaHealth kafkaHealth;
    private final PrometheusMeterRegistry metrics;
    private final Map<String, Supplier<JsonObject>> details = new LinkedHashMap<>();
    private BooleanSupplier fallback = () -> false;
    private String fallbackName = "";

    public OpsRoutes(KafkaHealth kafkaHealth, PrometheusMeterRegistry metrics) {
        this.kafkaHealth = kafkaHealth;
        this.metrics = metrics;
    }

    /** Adds a named block to the readiness answer (e.g. the spool's depth and age); it does not decide readiness. */
    public OpsRoutes detail(String name, Supplier<JsonObject> detail) {
        details.put(name, detail);
        return this;
    }

    /** While Kafka is down the service stays ready ({@code DEGRADED}) as long as {@code serving} holds. */
    public OpsRoutes readyWithoutKafkaWhile(String name, BooleanSupplier serving) {
        this.fallbackName = name;
        this.fallback = serving;
        return this;
    }

    public void mountHealth(Router router) {
        router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
        router.get("/health/ready").handler(this::handleReady);
    }

    public void mountMetrics(Router router) {
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .end(metrics.scrape()));
    }

    private void handleReady(RoutingContext ctx) {
        boolean up = kafkaHealth.up();
        JsonObject kafka = new JsonObject().put("up", up);
        kafkaHealth.lastError().ifPresent(error -> kafka.put("lastError", error));
        String status = up ? "UP" : fallback.getAsBoolean() ? "DEGRADED" : "DOWN";
        ctx.response().setStatusCode("DOWN".equals(status) ? 503 : 200);
        JsonObject checks = new JsonObject().put("kafka", kafka);
        details.forEach((name, detail) -> checks.put(name, detail.get()));
        JsonObject answer = new JsonObject().put("status", status).put("checks", checks);
        if ("DEGRADED".equals(status)) {
            answer.put("servingWithoutKafka", fallbackName);
        }
        ctx.json(answer);
    }
}
