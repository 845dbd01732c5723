package io.igrelay.dispatcher.ops;

import io.igrelay.schemas.ops.KafkaHealth;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.function.BooleanSupplier;

/**
 * Operations endpoints of the dispatcher's management port (SPEC 5.4): liveness, readiness (Kafka answers and the
 * Send API consumer runs) and Prometheus metrics. The port is never exposed publicly.
 */
public final class DispatcherOpsRoutes {

    private final KafkaHealth kafkaHealth;
    private final PrometheusMeterRegistry metrics;
    private final BooleanSupplier sendConsumerFailed;

    public DispatcherOpsRoutes(KafkaHealth kafkaHealth, PrometheusMeterRegistry metrics) {
        this(kafkaHealth, metrics, () -> false);
    }

    /** {@code sendConsumerFailed}: the Send API consumer stopped on its own, so the instance is not ready. */
    public DispatcherOpsRoutes(KafkaHealth kafkaHealth, PrometheusMeterRegistry metrics,
            BooleanSupplier sendConsumerFailed) {
        this.kafkaHealth = kafkaHealth;
        this.metrics = metrics;
        this.sendConsumerFailed = sendConsumerFailed;
    }

    public void mount(Router router) {
        router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
        router.get("/health/ready").handler(ctx -> {
            boolean kafkaUp = kafkaHealth.up();
            boolean sendUp = !sendConsumerFailed.getAsBoolean();
            boolean up = kafkaUp && sendUp;
            JsonObject kafka = new JsonObject().put("up", kafkaUp);
            kafkaHealth.lastError().ifPresent(error -> kafka.put("lastError", error));
            ctx.response().setStatusCode(up ? 200 : 503);
            ctx.json(new JsonObject().put("status", up ? "UP" : "DOWN")
                    .put("checks", new JsonObject().put("kafka", kafka)
                            .put("sendConsumer", new JsonObject().put("up", sendUp))));
        });
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .end(metrics.scrape()));
    }
}
