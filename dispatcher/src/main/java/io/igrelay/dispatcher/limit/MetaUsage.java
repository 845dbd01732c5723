package io.igrelay.dispatcher.limit;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;

/*
 * One of Meta's usage headers, read leniently: X-App-Usage {"call_count","total_time","total_cputime"} (percent of
 * the app's limit) and X-Business-Use-Case-Usage {"<business-object-id>":[{"type","call_count","total_time",
 * "total_cputime","estimated_time_to_regain_access"}]} (percent, and minutes until a throttled object may call
 * again), as described in https://developers.facebook.com/docs/graph-api/overview/rate-limiting. The highest of the
 * three percentages is the one that throttles first.
 */
public record MetaUsage(int percent, Duration regainAccessIn) {

    /** X-App-Usage; empty when absent or not Meta's JSON. */
    public static Optional<MetaUsage> appUsage(String header) {
        return object(header).map(MetaUsage::of);
    }

    /** X-Business-Use-Case-Usage: the most used entry across its business objects; empty when absent or garbled. */
    public static Optional<MetaUsage> businessUseCaseUsage(String header) {
        Optional<JsonObject> root = object(header);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        MetaUsage worst = null;
        for (String id : root.get().fieldNames()) {
            if (!(root.get().getValue(id) instanceof JsonArray entries)) {
                continue;
            }
            for (Object entry : entries) {
                if (entry instanceof JsonObject usage) {
                    MetaUsage candidate = of(usage);
                    worst = worst == null || candidate.outranks(worst) ? candidate : worst;
                }
            }
        }
        return Optional.ofNullable(worst);
    }

    private boolean outranks(MetaUsage other) {
        return percent > other.percent || percent == other.percent
                && regainAccessIn.compareTo(other.regainAccessIn) > 0;
    }

    private static MetaUsage of(JsonObject usage) {
        int percent = Math.max(number(usage, "call_count"), Math.max(number(usage, "total_time"),
                number(usage, "total_cputime")));
        return new MetaUsage(percent, Duration.ofMinutes(Math.max(0, number(usage,
                "estimated_time_to_regain_access"))));
    }

    private static int number(JsonObject usage, String field) {
        return usage.getValue(field) instanceof Number n ? n.intValue() : 0;
    }

    private static Optional<JsonObject> object(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new JsonObject(header));
        } catch (DecodeException | ClassCastException e) {
            return Optional.empty();
        }
    }
}
