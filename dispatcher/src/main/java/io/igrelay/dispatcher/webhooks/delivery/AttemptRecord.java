package io.igrelay.dispatcher.webhooks.delivery;

import io.igrelay.avro.WebhookAttempt;
import java.time.Instant;
import java.util.Optional;

/*
 * One line of the webhook attempt log, as written to hub.webhook.log (key = webhook id; the Avro WebhookAttempt of
 * toAvro(), through AttemptLogCodec) and served by the ingress's webhook-log queries. Carries the queue position of
 * the event so a manual retry or replay re-sends the very same record (same eventId, same sequence). The response
 * excerpt is at most 4 KB; `truncation` says why a body over the 256 KB cap was cut (or, with errorClass
 * BODY_TOO_LARGE, refused); `jobId` names the retry/replay job that re-sent the event, so a restarted dispatcher
 * knows what an interrupted job already did.
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

    /** The record hub.webhook.log carries (AttemptLogCodec writes it). */
    public WebhookAttempt toAvro() {
        return WebhookAttempt.newBuilder().setId(id).setWebhookId(webhookId).setApplicationId(applicationId)
                .setEventId(eventId).setEventType(eventType).setMessageId(messageId).setIgsid(igsid)
                .setAttempt(attempt).setStatusCode(statusCode).setDurationMs(durationMs)
                .setErrorClass(errorClass.orElse(null)).setResponseBody(responseBody == null ? "" : responseBody)
                .setSuccess(success)
                .setSendAt(sendAt).setNextAttemptAt(nextAttemptAt.orElse(null)).setQueuePartition(queuePartition)
                .setQueueOffset(queueOffset).setTruncation(truncation.orElse(null)).setJobId(jobId.orElse(null))
                .build();
    }
}
