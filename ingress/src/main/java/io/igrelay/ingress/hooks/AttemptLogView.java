package io.igrelay.ingress.hooks;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/*
 * The queryable webhook attempt log (issue 8, point 8): the dispatcher writes every attempt to hub.webhook.log
 * (30 days); this view keeps it per webhook in memory and answers GET …/webhook-log with filters on status,
 * from/to and messageId, newest first, paginated. Each ingress replica holds the whole log.
 */
public final class AttemptLogView {

    /** One attempt as logged by the dispatcher, with the fields the filters need. */
    public record Row(String id, String webhookId, String status, String messageId, Instant sendAt, JsonObject json) {
    }

    /** A page of rows and the total that matched. */
    public record Page(List<Row> rows, int total) {
    }

    private final Map<String, List<Row>> byWebhook = new ConcurrentHashMap<>();
    private final Map<String, Row> byId = new ConcurrentHashMap<>();

    public void apply(String key, byte[] value) {
        if (value == null) {
            return;
        }
        JsonObject json = new JsonObject(Buffer.buffer(value));
        Row row = new Row(json.getString("id"), json.getString("webhookId"), json.getString("status"),
                json.getString("messageId"), Instant.parse(json.getString("sendAt")), json);
        byId.put(row.id(), row);
        List<Row> rows = byWebhook.computeIfAbsent(row.webhookId(), k -> new ArrayList<>());
        synchronized (rows) {
            rows.add(row);
        }
    }

    public Optional<Row> get(String logId) {
        return Optional.ofNullable(byId.get(logId));
    }

    public Page query(String webhookId, Optional<String> status, Optional<Instant> from, Optional<Instant> to,
            Optional<String> messageId, int offset, int limit) {
        List<Row> rows = byWebhook.getOrDefault(webhookId, List.of());
        List<Row> matched;
        synchronized (rows) {
            matched = rows.stream()
                    .filter(r -> status.isEmpty() || status.get().equalsIgnoreCase(r.status()))
                    .filter(r -> from.isEmpty() || !r.sendAt().isBefore(from.get()))
                    .filter(r -> to.isEmpty() || !r.sendAt().isAfter(to.get()))
                    .filter(r -> messageId.isEmpty() || messageId.get().equals(r.messageId()))
                    .sorted(Comparator.comparing(Row::sendAt).reversed())
                    .toList();
        }
        int start = Math.min(offset, matched.size());
        return new Page(matched.subList(start, Math.min(matched.size(), start + limit)), matched.size());
    }
}
