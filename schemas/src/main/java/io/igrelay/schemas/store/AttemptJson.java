package io.igrelay.schemas.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.igrelay.schemas.serde.MalformedRecordException;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/*
 * Reads the index fields of one hub.webhook.log record (the dispatcher's JSON attempt line: id, webhookId, eventId,
 * messageId, status, sendAt, queuePartition, queueOffset, jobId), in one place for the two services that index the
 * log. A line without its id, webhook or send time is malformed: it is dead-lettered, never half-indexed.
 */
public final class AttemptJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AttemptJson() {
    }

    public static AttemptLog.Attempt parse(String topic, byte[] bytes) {
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new MalformedRecordException("attempt log line on " + topic + " is not JSON", topic, -1, e);
        }
        String id = text(node, "id");
        String webhookId = text(node, "webhookId");
        String sendAt = text(node, "sendAt");
        if (id == null || webhookId == null || sendAt == null) {
            throw new MalformedRecordException("attempt log line on " + topic + " lacks id, webhookId or sendAt",
                    topic, -1);
        }
        Instant sent;
        try {
            sent = Instant.parse(sendAt);
        } catch (DateTimeParseException e) {
            throw new MalformedRecordException("attempt log line on " + topic + " has a bad sendAt", topic, -1, e);
        }
        return new AttemptLog.Attempt(id, webhookId, text(node, "eventId"), text(node, "messageId"),
                "Success".equals(text(node, "status")), sent, node.path("queuePartition").asInt(-1),
                node.path("queueOffset").asLong(-1), Optional.ofNullable(text(node, "jobId")), bytes);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
