package io.igrelay.ingress.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Requests that need the ingress's views (API keys in hub.applications, channels in ig.channels, registrations in
 * hub.webhooks) wait for nothing while a view is still being read (the broker or the registry away at start): they
 * answer {@code 503} at once with a body naming the views not read yet and {@code Retry-After: 5}, never a hang and
 * never a 401 or 404 that an empty view would give. The contract document needs no view and always passes.
 */
public final class ViewsGate implements Handler<RoutingContext> {

    private static final String CONTRACT_PATH = "/v1/openapi.yaml";

    private final Map<String, BooleanSupplier> views = new LinkedHashMap<>();

    /** A view by the name the error body gives it, and whether it has been read. */
    public ViewsGate view(String name, BooleanSupplier loaded) {
        views.put(name, loaded);
        return this;
    }

    /** The names of the views not read yet. */
    public List<String> missing() {
        return views.entrySet().stream().filter(e -> !e.getValue().getAsBoolean()).map(Map.Entry::getKey).toList();
    }

    @Override
    public void handle(RoutingContext ctx) {
        List<String> missing = missing();
        if (missing.isEmpty() || CONTRACT_PATH.equals(ctx.normalizedPath())) {
            ctx.next();
            return;
        }
        ApiError error = ApiError.unavailable("the ingress is still reading " + String.join(", ", missing)
                + " from Kafka (broker or schema registry not answering yet); retry shortly");
        ctx.response().setStatusCode(503).putHeader("content-type", "application/json")
                .putHeader("Retry-After", "5").end(error.toJson().encode());
    }
}
