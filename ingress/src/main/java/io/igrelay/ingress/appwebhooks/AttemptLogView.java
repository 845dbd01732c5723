package io.igrelay.ingress.appwebhooks;

import io.igrelay.schemas.store.AttemptLog;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/*
 * The queryable webhook attempt log: the dispatcher writes every attempt to hub.webhook.log (30 days); this view
 * answers GET …/webhook-log from the ingress's local store (AttemptLog: indexed by webhook and send time, filtered and
 * paged in the store, newest first, with the total), so the heap holds one page, never the log. Its calls read the
 * disk: callers run them off the event loop.
 */
public final class AttemptLogView {

    /** One attempt as logged by the dispatcher. */
    public record Row(String id, String webhookId, String status, Instant sendAt, JsonObject json) {
    }

    /** A page of rows and the total that matched. */
    public record Page(List<Row> rows, long total) {
    }

    private final AttemptLog log;

    public AttemptLogView(AttemptLog log) {
        this.log = log;
    }

    public Optional<Row> get(String logId) {
        offTheEventLoop();
        return log.get(logId).map(AttemptLogView::row);
    }

    public Page query(String webhookId, Optional<String> status, Optional<Instant> from, Optional<Instant> to,
            Optional<String> messageId, int offset, int limit) {
        offTheEventLoop();
        AttemptLog.Page page = log.query(webhookId, new AttemptLog.Filter(status.map("success"::equalsIgnoreCase),
                from, to, messageId), offset, limit);
        return new Page(page.rows().stream().map(AttemptLogView::row).toList(), page.total());
    }

    private static Row row(AttemptLog.Row row) {
        return new Row(row.id(), row.webhookId(), row.success() ? "Success" : "Failed", row.sendAt(),
                new JsonObject(Buffer.buffer(row.json())));
    }

    /** The store reads the disk: never on an event loop, which also takes Meta's webhooks. */
    static void offTheEventLoop() {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("the webhook store is read on an event loop thread; use its workers");
        }
    }
}
