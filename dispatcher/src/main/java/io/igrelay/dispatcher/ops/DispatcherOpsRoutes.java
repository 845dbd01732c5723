package io.igrelay.dispatcher.ops;

import io.igrelay.schemas.ops.KafkaHealth;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * Operations endpoints of the dispatcher's management port (SPEC 5.4): liveness, readiness (Kafka answers) and
 * Prometheus metrics. The port is never exposed publicly.
 */
public final class DispatcherOpsRoutes {

    private final KafkaHealth kafkaHealth;
    private final PrometheusMeterRegistry metrics;

    public DispatcherOpsRoutes(KafkaHealth kafkaHealth, PrometheusMeterRegistry metrics) {
        this.kafkaHealth = kafkaHealth;
        this.metrics = metrics;
    }

    public void mount(Router router) {
        router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
        router.get("/health/ready").handler(ctx -> {
            boolean up = kafkaHealth.up();
            JsonObject kafka = new JsonObject().put("up", up);
            kafkaHealth.lastError().ifPresent(error -> kafka.put("lastError", error));
            ctx.response().setStatusCode(up ? 200 : 503);
            ctx.json(new JsonObject().put("status", up ? "UP" : "DOWN")
                    .put("checks", new JsonObject().put("kafka", kafka)));
        });
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .end(metrics.scrape()));
    }
}
