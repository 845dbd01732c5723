package io.igrelay.ingress.appwebhooks;

import io.igrelay.avro.Webhook;
import io.igrelay.avro.WebhookCommand;
import io.igrelay.schemas.contract.HubErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/*
 * The attempt-log routes: GET …/{id}/webhook-log with filters and pagination, and the manual retry (one log id or a
 * list) and replay (time range, optional status) endpoints. Retries and replays are commands on hub.webhook.commands
 * that the dispatcher carries out asynchronously, re-sending the queued records themselves, so eventIds never change;
 * the answer is 202 with the job id and a Location where GET follows the job (pending, running, done or failed, with
 * the count queued so far). Every read of the log or the jobs goes to the local store on a worker thread, never on
 * the event loop that also takes Meta's webhooks; until the store has read the topics once it answers 503.
 */
public final class WebhookLogRoutes {

    /** Writes one command for the dispatcher (CommandCodec), keyed by webhook id; completes on the broker's ack. */
    public interface CommandPublisher {
        Future<Void> publish(String webhookId, WebhookCommand command);
    }

    private final AttemptLogView log;
    private final JobView jobs;
    private final CommandPublisher commands;
    private final Clock clock;
    private final WorkerExecutor store;
    private final BooleanSupplier loaded;
    private String base;

    /**
     * {@code store}: the few worker threads that read the local store; {@code loaded}: the store has read the log and
     * job topics up to where they were at start.
     */
    public WebhookLogRoutes(AttemptLogView log, JobView jobs, CommandPublisher commands, Clock clock,
            WorkerExecutor store, BooleanSupplier loaded) {
        this.log = log;
        this.jobs = jobs;
        this.commands = commands;
        this.clock = clock;
        this.store = store;
        this.loaded = loaded;
    }

    /** Runs a read of the local store on a worker thread; 503 + Retry-After while the store is still loading. */
    private <T> Future<T> fromStore(RoutingContext ctx, Callable<T> read) {
        if (!loaded.getAsBoolean()) {
            ctx.response().putHeader("Retry-After", "5");
            return Future.failedFuture(new HookError(503, HubErrorCode.INTERNAL,
                    "the webhook log is still being loaded after a start, try again shortly"));
        }
        return store.executeBlocking(read, false);
    }

    /** Where the log routes attach their handler to the operation of docs/openapi.yaml it serves. */
    interface Operations {
        void route(String operationId, Handler<RoutingContext> handler);
    }

    void attach(Operations operations, String base, Function<RoutingContext, Webhook> owned) {
        this.base = base;
        operations.route("listWebhookLog", ctx -> query(ctx, owned.apply(ctx)));
        operations.route("getWebhookReplayJob", ctx -> job(ctx, owned.apply(ctx), "REPLAY"));
        operations.route("getWebhookRetryJob", ctx -> job(ctx, owned.apply(ctx), "RETRY"));
        operations.route("retryWebhookAttempts", ctx -> retryMany(ctx, owned.apply(ctx)));
        operations.route("replayWebhookLog", ctx -> replay(ctx, owned.apply(ctx)));
        operations.route("retryWebhookAttempt", ctx -> retryOne(ctx, owned.apply(ctx)));
    }

    private void query(RoutingContext ctx, Webhook w) {
        int offset = WebhookRoutes.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = WebhookRoutes.intParam(ctx, "limit", 20, 1, 50);
        Optional<String> status = Optional.ofNullable(ctx.request().getParam("status"));
        if (status.isPresent() && !status.get().matches("Success|Failed")) {
            throw HookError.invalid("status must be Success or Failed");
        }
        Optional<Instant> from = time(ctx.request().getParam("from"), "from");
        Optional<Instant> to = time(ctx.request().getParam("to"), "to");
        Optional<String> messageId = Optional.ofNullable(ctx.request().getParam("messageId"));
        WebhookRoutes.reply(ctx, 200, fromStore(ctx, () -> {
            AttemptLogView.Page page = log.query(w.getWebhookId(), status, from, to, messageId, offset, limit);
            JsonArray data = new JsonArray();
            page.rows().forEach(r -> data.add(r.json().put("webhookId", w.getWebhookId())));
            return WebhookJson.page(data, offset, limit, (int) Math.min(Integer.MAX_VALUE, page.total()));
        }));
    }

    private void retryOne(RoutingContext ctx, Webhook w) {
        String logId = ctx.pathParam("logId");
        fromStore(ctx, () -> log.get(logId).filter(r -> r.webhookId().equals(w.getWebhookId())).isPresent())
                .onFailure(ctx::fail).onSuccess(known -> {
                    if (!known) {
                        ctx.fail(new HookError(404, HubErrorCode.INVALID_PAYLOAD, "webhook log entry not found"));
                    } else {
                        retry(ctx, w, List.of(logId));
                    }
                });
    }

    private void retryMany(RoutingContext ctx, Webhook w) {
        JsonArray ids = WebhookRoutes.json(ctx).getJsonArray("webhookLogIds");
        if (ids == null || ids.isEmpty() || ids.size() > 500) {
            throw HookError.invalid("webhookLogIds must list 1 to 500 log ids");
        }
        fromStore(ctx, () -> {
            List<String> known = new ArrayList<>();
            for (Object id : ids) {
                log.get(String.valueOf(id)).filter(r -> r.webhookId().equals(w.getWebhookId()))
                        .ifPresent(r -> known.add(r.id()));
            }
            return known;
        }).onFailure(ctx::fail).onSuccess(known -> retry(ctx, w, known));
    }

    private void retry(RoutingContext ctx, Webhook w, List<String> logIds) {
        String job = UUID.randomUUID().toString();
        WebhookCommand command = base("RETRY", w, job).setLogIds(List.copyOf(logIds)).build();
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
        WebhookCommand command = base("REPLAY", w, job).setFrom(from.toString()).setTo(to.toString())
                .setStatus(status).build();
        accepted(ctx, w, command, -1);
    }

    private void job(RoutingContext ctx, Webhook w, String type) {
        String jobId = ctx.pathParam("jobId");
        WebhookRoutes.reply(ctx, 200, fromStore(ctx, () -> jobs.get(w.getWebhookId(), jobId)
                .filter(j -> j.type().equals(type)).map(JobRecord::toJson)
                .orElseThrow(() -> new HookError(404, HubErrorCode.INVALID_PAYLOAD, "job not found"))));
    }

    private WebhookCommand.Builder base(String type, Webhook w, String job) {
        return WebhookCommand.newBuilder().setType(type).setJobId(job).setWebhookId(w.getWebhookId())
                .setApplicationId(w.getApplicationId()).setRequestedAt(clock.instant().toString());
    }

    /** 202 once the command is on the broker, with the job id and where to follow it. */
    private void accepted(RoutingContext ctx, Webhook w, WebhookCommand command, int count) {
        String jobId = command.getJobId();
        String location = base + "/" + w.getWebhookId() + "/webhook-log/"
                + command.getType().toLowerCase(Locale.ROOT) + "/" + jobId;
        JsonObject answer = new JsonObject().put("jobId", jobId).put("status", "accepted").put("state", "pending")
                .put("statusUrl", location);
        if (count >= 0) {
            answer.put("count", count);
        }
        WebhookRoutes.reply(ctx, 202, commands.publish(w.getWebhookId(), command)
                .compose(v -> store.executeBlocking(() -> {
                    jobs.applyCommand(command); // a GET right after finds it
                    return answer;
                }, false))
                .map(json -> {
                    ctx.response().putHeader("Location", location);
                    return json;
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
