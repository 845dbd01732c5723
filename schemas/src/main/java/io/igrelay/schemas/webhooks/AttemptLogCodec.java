package io.igrelay.schemas.webhooks;

import static io.igrelay.schemas.webhooks.WebhookTopicCodec.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.igrelay.avro.WebhookAttempt;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.serde.MalformedRecordException;
import io.igrelay.schemas.store.AttemptLog;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/*
 * hub.webhook.log (key = webhook id) in one place for the dispatcher, which writes an attempt, and both services'
 * local stores, which index it: the Avro WebhookAttempt on the wire, the JSON line of the versions before still read,
 * and the JSON the ingress's log API shows (the same fields, in the same order, the hand-built line had). A line
 * without its id, webhook or send time is malformed: it is dead-lettered, never half-indexed.
 */
public final class AttemptLogCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookTopicCodec<WebhookAttempt> codec;

    public AttemptLogCodec(AvroSerdes serdes) {
        this.codec = new WebhookTopicCodec<>(serdes, WebhookAttempt.class, AttemptLogCodec::fromLegacy);
    }

    public byte[] encode(String topic, WebhookAttempt attempt) {
        return codec.encode(topic, attempt);
    }

    public WebhookAttempt decode(String topic, byte[] bytes) {
        return codec.deserialize(topic, bytes);
    }

    /** The attempt with the fields the store indexes, for a TopicFollower of the log; null for a tombstone. */
    public AttemptLog.Attempt index(String topic, byte[] bytes) {
        WebhookAttempt a = decode(topic, bytes);
        return a == null ? null : attempt(a, json(a));
    }

    /** As {@link #index} without the JSON the log shows, for a positions-only log (the dispatcher's). */
    public AttemptLog.Attempt positions(String topic, byte[] bytes) {
        WebhookAttempt a = decode(topic, bytes);
        return a == null ? null : attempt(a, new byte[0]);
    }

    private static AttemptLog.Attempt attempt(WebhookAttempt a, byte[] json) {
        return new AttemptLog.Attempt(a.getId(), a.getWebhookId(), a.getEventId(), a.getMessageId(), a.getSuccess(),
                a.getSendAt(), a.getQueuePartition(), a.getQueueOffset(), Optional.ofNullable(a.getJobId()), json);
    }

    /** "Success" or "Failed", as the log shows and filters it. */
    public static String status(WebhookAttempt attempt) {
        return attempt.getSuccess() ? "Success" : "Failed";
    }

    /** The attempt as the log API shows it (UTF-8 JSON object). */
    public static byte[] json(WebhookAttempt a) {
        ObjectNode json = JSON.createObjectNode()
                .put("id", a.getId()).put("webhookId", a.getWebhookId()).put("applicationId", a.getApplicationId())
                .put("eventId", a.getEventId()).put("eventType", a.getEventType()).put("messageId", a.getMessageId())
                .put("igsid", a.getIgsid()).put("attempt", a.getAttempt()).put("statusCode", a.getStatusCode())
                .put("durationMs", a.getDurationMs()).put("errorClass", a.getErrorClass())
                .put("responseBody", a.getResponseBody()).put("status", status(a))
                .put("sendAt", a.getSendAt().toString())
                .put("nextAttemptAt", a.getNextAttemptAt() == null ? null : a.getNextAttemptAt().toString())
                .put("queuePartition", a.getQueuePartition()).put("queueOffset", a.getQueueOffset())
                .put("truncation", a.getTruncation()).put("jobId", a.getJobId());
        try {
            return JSON.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render attempt " + a.getId(), e);
        }
    }

    /** A line of the JSON format before Avro (the dispatcher's hand-built attempt line). */
    static WebhookAttempt fromLegacy(String topic, JsonNode j) {
        String id = text(j, "id");
        String webhookId = text(j, "webhookId");
        String sendAt = text(j, "sendAt");
        if (id == null || webhookId == null || sendAt == null) {
            throw new MalformedRecordException("attempt log line on " + topic + " lacks id, webhookId or sendAt",
                    topic, -1);
        }
        try {
            return WebhookAttempt.newBuilder().setId(id).setWebhookId(webhookId)
                    .setApplicationId(text(j, "applicationId")).setEventId(text(j, "eventId"))
                    .setEventType(text(j, "eventType")).setMessageId(text(j, "messageId")).setIgsid(text(j, "igsid"))
                    .setAttempt(j.path("attempt").asInt(1)).setStatusCode(j.path("statusCode").asInt(0))
                    .setDurationMs(j.path("durationMs").asLong(0)).setErrorClass(text(j, "errorClass"))
                    .setResponseBody(Optional.ofNullable(text(j, "responseBody")).orElse(""))
                    .setSuccess("Success".equals(text(j, "status"))).setSendAt(Instant.parse(sendAt))
                    .setNextAttemptAt(Optional.ofNullable(text(j, "nextAttemptAt")).map(Instant::parse).orElse(null))
                    .setQueuePartition(j.path("queuePartition").asInt(-1))
                    .setQueueOffset(j.path("queueOffset").asLong(-1))
                    .setTruncation(text(j, "truncation")).setJobId(text(j, "jobId")).build();
        } catch (DateTimeParseException e) {
            throw new MalformedRecordException("attempt log line on " + topic + " has a bad time", topic, -1, e);
        }
    }
}
