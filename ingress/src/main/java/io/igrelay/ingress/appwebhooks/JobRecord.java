package io.igrelay.ingress.appwebhooks;

import io.igrelay.avro.WebhookCommand;
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

    /** The pending job a command of hub.webhook.commands says; empty without job or webhook id. */
    static Optional<JobRecord> of(WebhookCommand command) {
        if (command.getJobId() == null || command.getWebhookId() == null) {
            return Optional.empty();
        }
        JsonObject filter = new JsonObject().put("from", command.getFrom()).put("to", command.getTo())
                .put("status", command.getStatus());
        int requested = command.getLogIds() != null ? command.getLogIds().size() : 0;
        return Optional.of(new JobRecord(command.getJobId(), command.getType() == null ? "REPLAY" : command.getType(),
                command.getWebhookId(), command.getApplicationId(), "pending", filter, requested, -1, 0, null,
                command.getRequestedAt(), null, command.getRequestedAt(), 0, null, 0));
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
