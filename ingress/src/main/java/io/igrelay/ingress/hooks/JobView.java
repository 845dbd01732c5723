package io.igrelay.ingress.hooks;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/*
 * The state of the asynchronous retry and replay jobs (issue 8, point 8), for GET …/webhook-log/replay/{jobId}:
 * a job is `pending` from the moment its command is on hub.webhook.commands, then `running`, `done` or `failed`
 * as the dispatcher reports on hub.webhook.jobs. Both topics are read from the beginning at start-up, so every
 * replica answers for every job and a restart forgets none; a state never goes back (the topics are read apart).
 * A job a dispatcher restart interrupted is resumed under the same id; its records then carry `resumes`,
 * `resumedAt` and `deliveredBeforeResume`, shown as they are.
 */
public final class JobView {

    /** One job as the API shows it; matched is -1 until the dispatcher started the job. */
    public record Job(String jobId, String type, String webhookId, String applicationId, String state,
            JsonObject filter, int requested, int matched, int queued, String error, String requestedAt,
            String startedAt, String updatedAt, int resumes, String resumedAt, int deliveredBeforeResume) {

        int rank() {
            return switch (state) {
                case "pending" -> 0;
                case "running" -> 1;
                default -> 2;
            };
        }

        JsonObject toJson() {
            JsonObject json = new JsonObject().put("jobId", jobId).put("webhookId", webhookId)
                    .put("type", type.toLowerCase(Locale.ROOT)).put("state", state)
                    .put("matched", matched < 0 ? null : matched).put("queued", queued).put("error", error)
                    .put("requestedAt", requestedAt).put("startedAt", startedAt).put("updatedAt", updatedAt);
            if (resumes > 0) {
                json.put("resumes", resumes).put("resumedAt", resumedAt)
                        .put("deliveredBeforeResume", deliveredBeforeResume);
            }
            if ("REPLAY".equals(type)) {
                json.put("filter", filter);
            } else {
                json.put("requested", requested);
            }
            return json;
        }
    }

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    /** A record of hub.webhook.commands: the job exists and waits for the dispatcher. */
    public void applyCommand(String key, byte[] value) {
        if (value != null) {
            merge(job(new JsonObject(Buffer.buffer(value)), "pending"));
        }
    }

    /** A record of hub.webhook.jobs: the dispatcher's latest word on the job. */
    public void applyProgress(String key, byte[] value) {
        if (value != null) {
            JsonObject json = new JsonObject(Buffer.buffer(value));
            merge(job(json, json.getString("state", "running")));
        }
    }

    /** The job, if it belongs to this webhook. */
    public Optional<Job> get(String webhookId, String jobId) {
        return Optional.ofNullable(jobs.get(jobId)).filter(j -> webhookId.equals(j.webhookId()));
    }

    private void merge(Optional<Job> next) {
        next.ifPresent(job -> jobs.merge(job.jobId(), job, (old, latest) -> newer(latest, old)
                ? keepRequestedAt(latest, old) : old));
    }

    /** Later state, or the same state with more queued, or a later run of a job a restart interrupted. */
    private static boolean newer(Job latest, Job old) {
        if (latest.rank() != old.rank()) {
            return latest.rank() > old.rank();
        }
        return latest.resumes() > old.resumes()
                || (latest.resumes() == old.resumes() && latest.queued() >= old.queued());
    }

    private static Job keepRequestedAt(Job latest, Job old) {
        return latest.requestedAt() != null || old.requestedAt() == null ? latest
                : new Job(latest.jobId(), latest.type(), latest.webhookId(), latest.applicationId(), latest.state(),
                        latest.filter(), latest.requested(), latest.matched(), latest.queued(), latest.error(),
                        old.requestedAt(), latest.startedAt(), latest.updatedAt(), latest.resumes(),
                        latest.resumedAt(), latest.deliveredBeforeResume());
    }

    private static Optional<Job> job(JsonObject json, String state) {
        String jobId = json.getString("jobId");
        if (jobId == null || json.getString("webhookId") == null) {
            return Optional.empty();
        }
        JsonObject filter = new JsonObject().put("from", json.getString("from")).put("to", json.getString("to"))
                .put("status", json.getString("status"));
        int requested = json.getJsonArray("logIds") != null ? json.getJsonArray("logIds").size()
                : json.getInteger("requested", 0);
        boolean pending = "pending".equals(state);
        return Optional.of(new Job(jobId, json.getString("type", "REPLAY"), json.getString("webhookId"),
                json.getString("applicationId"), state, filter, requested,
                pending ? -1 : json.getInteger("matched", 0), pending ? 0 : json.getInteger("queued", 0),
                json.getString("error"), json.getString("requestedAt"), json.getString("startedAt"),
                pending ? json.getString("requestedAt") : json.getString("updatedAt"),
                json.getInteger("resumes", 0), json.getString("resumedAt"),
                json.getInteger("deliveredBeforeResume", 0)));
    }
}
