package io.igrelay.ingress.appwebhooks;

import io.igrelay.avro.WebhookJob;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/*
 * One retry/replay job as the API shows it (matched is -1 until the dispatcher started the job), read from a
 * command or a progress record (WebhookJob), and stored in the ingress's local store as its own JSON.
 */
public record JobRecord(String jobId, String type, String webhookId, String applicationId, String state,
        JsonObject filter, int requested, int matched, int queued, String error, String requestedAt,
        String startedAt, String updatedAt, int resumes, String resumedAt, int deliveredBeforeResume) {

    /** The job a command ({@code pending}) or a progress record says; empty without job or webhook id. */
    static Optional<JobRecord> of(JsonObject json, String state) {
        String jobId = json.getString("jobId");
        if (jobId == null || json.getString("webhookId") == null) {
            return Optional.empty();
        }
        JsonObject filter = new JsonObject().put("from", json.getString("from")).put("to", json.getString("to"))
                .put("status", json.getString("status"));
        int requested = json.getJsonArray("logIds") != null ? json.getJsonArray("logIds").size()
                : json.getInteger("requested", 0);
        boolean pending = "pending".equals(state);
        return Optional.of(new JobRecord(jobId, json.getString("type", "REPLAY"), json.getString("webhookId"),
                json.getString("applicationId"), state, filter, requested,
                pending ? -1 : json.getInteger("matched", 0), pending ? 0 : json.getInteger("queued", 0),
                json.getString("error"), json.getString("requestedAt"), json.getString("startedAt"),
                pending ? json.getString("requestedAt") : json.getString("updatedAt"),
                json.getInteger("resumes", 0), json.getString("resumedAt"),
                json.getInteger("deliveredBeforeResume", 0)));
    }

    /** The job a progress record of hub.webhook.jobs says; empty without webhook id. */
    static Optional<JobRecord> of(WebhookJob job) {
        if (job.getWebhookId() == null) {
            return Optional.empty();
        }
        JsonObject filter = new JsonObject().put("from", job.getFrom()).put("to", job.getTo())
                .put("status", job.getStatus());
        return Optional.of(new JobRecord(job.getJobId(), job.getType() == null ? "REPLAY" : job.getType(),
                job.getWebhookId(), job.getApplicationId(), job.getState(), filter, orZero(job.getRequested()),
                job.getMatched(), job.getQueued(), job.getError(), job.getRequestedAt(), job.getStartedAt(),
                job.getUpdatedAt(), orZero(job.getResumes()), job.getResumedAt(),
                orZero(job.getDeliveredBeforeResume())));
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    int rank() {
        return switch (state) {
            case "pending" -> 0;
            case "running" -> 1;
            default -> 2;
        };
    }

    /** This record, with the request time of {@code older} when it lacks its own. */
    JobRecord keepRequestedAt(JobRecord older) {
        return requestedAt != null || older.requestedAt() == null ? this
                : new JobRecord(jobId, type, webhookId, applicationId, state, filter, requested, matched, queued,
                        error, older.requestedAt(), startedAt, updatedAt, resumes, resumedAt, deliveredBeforeResume);
    }

    byte[] stored() {
        return new JsonObject().put("jobId", jobId).put("type", type).put("webhookId", webhookId)
                .put("applicationId", applicationId).put("state", state).put("filter", filter)
                .put("requested", requested).put("matched", matched).put("queued", queued).put("error", error)
                .put("requestedAt", requestedAt).put("startedAt", startedAt).put("updatedAt", updatedAt)
                .put("resumes", resumes).put("resumedAt", resumedAt)
                .put("deliveredBeforeResume", deliveredBeforeResume).toBuffer().getBytes();
    }

    static JobRecord fromStored(byte[] bytes) {
        JsonObject j = JobView.json(bytes);
        return new JobRecord(j.getString("jobId"), j.getString("type"), j.getString("webhookId"),
                j.getString("applicationId"), j.getString("state"), j.getJsonObject("filter"),
                j.getInteger("requested"), j.getInteger("matched"), j.getInteger("queued"), j.getString("error"),
                j.getString("requestedAt"), j.getString("startedAt"), j.getString("updatedAt"),
                j.getInteger("resumes"), j.getString("resumedAt"), j.getInteger("deliveredBeforeResume"));
    }

    JsonObject toJson() {
        JsonObject json = new JsonObject().put("jobId", jobId).put("webhookId", webhookId)
                .put("type", JobView.lower(type)).put("state", state)
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
