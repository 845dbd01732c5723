package io.igrelay.processor.ops;

import io.igrelay.schemas.ops.HealthMonitor;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Operations endpoints of the processor (contract §5.4). Readiness and liveness come from HealthMonitor over every
 * background part (Kafka, the schema registry gate, the stream threads): ready only when each part is; alive unless
 * a part has been dead, stuck or silent for the longer bound. The body names each part's status and reason, plus
 * the Streams state; Prometheus metrics beside them.
 */
public final class ProcessorOpsRoutes {

    private final HealthMonitor health;
    private final Supplier<KafkaStreams.State> streamsState;
    private final PrometheusMeterRegistry metrics;

    public ProcessorOpsRoutes(HealthMonitor health, Supplier<KafkaStreams.State> streamsState,
                              PrometheusMeterRegistry metrics) {
        this.health = health;
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
        HealthMonitor.Report report = health.report();
        answer(ctx, report, report.live());
    }

    private void handleReady(RoutingContext ctx) {
        HealthMonitor.Report report = health.report();
        answer(ctx, report, report.ready());
    }

    private void answer(RoutingContext ctx, HealthMonitor.Report report, boolean up) {
        ctx.response().setStatusCode(up ? 200 : 503);
        ctx.json(new JsonObject().put("status", up ? "UP" : "DOWN").put("streams", streamsState.get().name())
                .put("checks", new JsonObject(report.checksAsMap(health.clock().instant()))));
    }
}
