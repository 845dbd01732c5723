package io.igrelay.dispatcher.webhooks.delivery;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/*
 * One line of the webhook attempt log, as written to hub.webhook.log (key = webhook id) and
 * served by the ingress's webhook-log queries. Carries the queue position of the event so a manual retry or replay
 * re-sends the very same record (same eventId, same sequence). The response excerpt is at most 4 KB; `truncation`
 * says why a body over the 256 KB cap was cut (or, with errorClass BODY_TOO_LARGE, refused); `jobId` names the
 * retry/replay job that re-sent the event, so a restarted dispatcher knows what an interrupted job already did.
 */
public record AttemptRecord(
        String id,
        String webhookId,
        String applicationId,
        String eventId,
        String eventType,
        String messageId,
        String igsid,
        int attempt,
        int statusCode,
        long durationMs,
        Optional<String> errorClass,
        String responseBody,
        boolean success,
        Instant sendAt,
        Optional<Instant> nextAttemptAt,
        int queuePartition,
        long queueOffset,
        Optional<String> truncation,
        Optional<String> jobId) {

    /** The log line of one attempt of {@code pending} to {@code target}. */
    static AttemptRecord of(WebhookTarget target, Pending pending, AttemptResult result, Instant sendAt,
            Optional<Instant> next, Optional<String> truncation) {
        var event = pending.event;
        return new AttemptRecord(java.util.UUID.randomUUID().toString(), target.webhookId(),
                target.applicationId(), event.eventId(), event.eventType(), event.messageId(), event.igsid(),
                pending.attempts, result.statusCode(), result.durationMs(), result.errorClass(),
                result.responseBody(), result.success(), sendAt, next, pending.partition, pending.offset,
                truncation, pending.jobId);
    }

    public String status() {
        return success ? "Success" : "Failed";
    }

    public byte[] toBytes() {
        JsonObject json = new JsonObject()
                .put("id", id).put("webhookId", webhookId).put("applicationId", applicationId)
                .put("eventId", eventId).put("eventType", eventType).put("messageId", messageId)
                .put("igsid", igsid).put("attempt", attempt).put("statusCode", statusCode)
                .put("durationMs", durationMs).put("errorClass", errorClass.orElse(null))
                .put("responseBody", responseBody).put("status", status()).put("sendAt", sendAt.toString())
                .put("nextAttemptAt", nextAttemptAt.map(Instant::toString).orElse(null))
                .put("queuePartition", queuePartition).put("queueOffset", queueOffset)
                .put("truncation", truncation.orElse(null)).put("jobId", jobId.orElse(null));
        return json.toBuffer().getBytes();
    }

    public static AttemptRecord fromBytes(byte[] bytes) {
        JsonObject j = new JsonObject(io.vertx.core.buffer.Buffer.buffer(bytes));
        return new AttemptRecord(j.getString("id"), j.getString("webhookId"), j.getString("applicationId"),
                j.getString("eventId"), j.getString("eventType"), j.getString("messageId"), j.getString("igsid"),
                j.getInteger("attempt", 1), j.getInteger("statusCode", 0), j.getLong("durationMs", 0L),
                Optional.ofNullable(j.getString("errorClass")), j.getString("responseBody", ""),
                "Success".equals(j.getString("status")), Instant.parse(j.getString("sendAt")),
                Optional.ofNullable(j.getString("nextAttemptAt")).map(Instant::parse),
                j.getInteger("queuePartition", -1), j.getLong("queueOffset", -1L),
                Optional.ofNullable(j.getString("truncation")), Optional.ofNullable(j.getString("jobId")));
    }
}
