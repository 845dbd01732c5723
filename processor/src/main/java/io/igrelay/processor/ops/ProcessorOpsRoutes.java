package io.igrelay.processor.ops;

import io.igrelay.schemas.ops.KafkaHealth;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Operations endpoints of the processor (SPEC 5.4): ready only when Kafka answers and the Streams application is
 * RUNNING (its state stores are usable), plus liveness and Prometheus metrics.
 */
public final class ProcessorOpsRoutes {

    private final KafkaHealth kafkaHealth;
    private final Supplier<KafkaStreams.State> streamsState;
    private final PrometheusMeterRegistry metrics;

    public ProcessorOpsRoutes(KafkaHealth kafkaHealth, Supplier<KafkaStreams.State> streamsState,
                              PrometheusMeterRegistry metrics) {
        this.kafkaHealth = kafkaHealth;
        this.streamsState = streamsState;
        this.metrics = metrics;
    }

    public void mount(Router router) {
        router.get("/health/live").handler(this::handleLive);
        router.get("/health/ready").handler(this::handleReady);
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .end(metrics.scrape()));
    }

    private void handleLive(RoutingContext ctx) {
        KafkaStreams.State state = streamsState.get();
        boolean alive = state != KafkaStreams.State.ERROR && state != KafkaStreams.State.NOT_RUNNING;
        ctx.response().setStatusCode(alive ? 200 : 503);
        ctx.json(new JsonObject().put("status", alive ? "UP" : "DOWN").put("streams", state.name()));
    }

    private void handleReady(RoutingContext ctx) {
        boolean kafkaUp = kafkaHealth.up();
        KafkaStreams.State state = streamsState.get();
        boolean ready = kafkaUp && state == KafkaStreams.State.RUNNING;
        JsonObject kafka = new JsonObject().put("up", kafkaUp);
        kafkaHealth.lastError().ifPresent(error -> kafka.put("lastError", error));
        ctx.response().setStatusCode(ready ? 200 : 503);
        ctx.json(new JsonObject().put("status", ready ? "UP" : "DOWN")
                .put("checks", new JsonObject().put("kafka", kafka).put("streams", state.name())));
    }
}
