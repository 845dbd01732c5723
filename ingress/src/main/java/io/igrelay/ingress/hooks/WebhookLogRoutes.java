package io.igrelay.ingress.hooks;

import io.igrelay.avro.Webhook;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/*
 * The attempt-log half of issue 8 (point 8): GET …/{id}/webhook-log with filters and pagination, and the manual
 * retry (one log id or a list) and replay (time range, optional status) endpoints. Retries and replays are
 * commands on hub.webhook.commands that the dispatcher carries out asynchronously, re-sending the queued records
 * themselves, so eventIds never change; the answer is 202 with the job id and a Location where GET follows the job
 * (pending, running, done or failed, with the count queued so far).
 */
public final class WebhookLogRoutes {

    /** Writes one command (JSON) for the dispatcher, keyed by webhook id; completes on the broker's ack. */
    public interface CommandPublisher {
        Future<Void> publish(String webhookId, JsonObject command);
    }

    private final AttemptLogView log;
    private final JobView jobs;
    private final CommandPublisher commands;
    private final Clock clock;
    private String base;

    public WebhookLogRoutes(AttemptLogView log, JobView jobs, CommandPublisher commands, Clock clock) {
        this.log = log;
        this.jobs = jobs;
        this.commands = commands;
        this.clock = clock;
    }

    void mount(Router router, String base, Function<RoutingContext, Webhook> owned) {
        this.base = base;
        router.get(base + "/:id/webhook-log").handler(ctx -> query(ctx, owned.apply(ctx)));
        router.get(base + "/:id/webhook-log/replay/:jobId").handler(ctx -> job(ctx, owned.apply(ctx), "REPLAY"));
        router.get(base + "/:id/webhook-log/retry/:jobId").handler(ctx -> job(ctx, owned.apply(ctx), "RETRY"));
        router.post(base + "/:id/webhook-log/retry").handler(ctx -> retryMany(ctx, owned.apply(ctx)));
        router.post(base + "/:id/webhook-log/replay").handler(ctx -> replay(ctx, owned.apply(ctx)));
        router.post(base + "/:id/webhook-log/:logId/retry").handler(ctx -> retryOne(ctx, owned.apply(ctx)));
    }

    private void query(RoutingContext ctx, Webhook w) {
        int offset = WebhookRoutes.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = WebhookRoutes.intParam(ctx, "limit", 20, 1, 50);
        Optional<String> status = Optional.ofNullable(ctx.request().getParam("status"));
        if (status.isPresent() && !status.get().matches("(?i)success|failed")) {
            throw HookError.invalid("status must be Success or Failed");
        }
        AttemptLogView.Page page = log.query(w.getWebhookId(), status, time(ctx.request().getParam("from"), "from"),
                time(ctx.request().getParam("to"), "to"), Optional.ofNullable(ctx.request().getParam("messageId")),
                offset, limit);
        JsonArray data = new JsonArray();
        page.rows().forEach(r -> data.add(r.json().copy().put("webhookId", w.getWebhookId())));
        WebhookRoutes.send(ctx, 200, WebhookJson.page(data, offset, limit, page.total()));
    }

    private void retryOne(RoutingContext ctx, Webhook w) {
        String logId = ctx.pathParam("logId");
        if (log.get(logId).filter(r -> r.webhookId().equals(w.getWebhookId())).isEmpty()) {
            throw new HookError(404, "INVALID_PAYLOAD", "webhook log entry not found");
        }
        retry(ctx, w, List.of(logId));
    }

    private void retryMany(RoutingContext ctx, Webhook w) {
        JsonArray ids = WebhookRoutes.json(ctx).getJsonArray("webhookLogIds");
        if (ids == null || ids.isEmpty() || ids.size() > 500) {
            throw HookError.invalid("webhookLogIds must list 1 to 500 log ids");
        }
        List<String> known = new ArrayList<>();
        for (Object id : ids) {
            log.get(String.valueOf(id)).filter(r -> r.webhookId().equals(w.getWebhookId()))
                    .ifPresent(r -> known.add(r.id()));
        }
        retry(ctx, w, known);
    }

    private void retry(RoutingContext ctx, Webhook w, List<String> logIds) {
        String job = UUID.randomUUID().toString();
        JsonObject command = base("RETRY", w, job).put("logIds", new JsonArray(logIds));
        accepted(ctx, w, command, logIds.size());
    }

    private void replay(RoutingContext ctx, Webhook w) {
        JsonObject body = ctx.body().isEmpty() ? new JsonObject() : WebhookRoutes.json(ctx);
        Instant from = time(body.getString("from"), "from").orElse(Instant.EPOCH);
        Instant to = time(body.getString("to"), "to").orElse(clock.instant());
        String status = body.getString("status");
        if (status != null && !status.matches("Success|Failed")) {
            throw HookError.invalid("status must be Success or Failed");
        }
        if (to.isBefore(from)) {
            throw HookError.invalid("to must not be before from");
        }
        String job = UUID.randomUUID().toString();
        JsonObject command = base("REPLAY", w, job).put("from", from.toString()).put("to", to.toString())
                .put("status", status);
        accepted(ctx, w, command, -1);
    }

    private void job(RoutingContext ctx, Webhook w, String type) {
        JobView.Job job = jobs.get(w.getWebhookId(), ctx.pathParam("jobId")).filter(j -> j.type().equals(type))
                .orElseThrow(() -> new HookError(404, "INVALID_PAYLOAD", "job not found"));
        WebhookRoutes.send(ctx, 200, job.toJson());
    }

    private JsonObject base(String type, Webhook w, String job) {
        return new JsonObject().put("type", type).put("jobId", job).put("webhookId", w.getWebhookId())
                .put("applicationId", w.getApplicationId()).put("requestedAt", clock.instant().toString());
    }

    /** 202 once the command is on the broker, with the job id and where to follow it. */
    private void accepted(RoutingContext ctx, Webhook w, JsonObject command, int count) {
        String jobId = command.getString("jobId");
        String location = base + "/" + w.getWebhookId() + "/webhook-log/"
                + command.getString("type").toLowerCase(Locale.ROOT) + "/" + jobId;
        JsonObject answer = new JsonObject().put("jobId", jobId).put("status", "accepted").put("state", "pending")
                .put("statusUrl", location);
        if (count >= 0) {
            answer.put("count", count);
        }
        WebhookRoutes.reply(ctx, 202, commands.publish(w.getWebhookId(), command).map(v -> {
            jobs.applyCommand(w.getWebhookId(), command.toBuffer().getBytes()); // a GET right after finds it
            ctx.response().putHeader("Location", location);
            return answer;
        }));
    }

    private static Optional<Instant> time(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(raw));
        } catch (DateTimeParseException e) {
            throw HookError.invalid(field + " must be an ISO-8601 UTC time");
        }
    }
}
