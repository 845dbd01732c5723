package io.igrelay.schemas.webhooks;

import static io.igrelay.schemas.webhooks.WebhookTopicCodec.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.igrelay.avro.WebhookCommand;
import io.igrelay.schemas.serde.AvroSerdes;
import java.util.ArrayList;
import java.util.List;

/*
 * hub.webhook.commands (key = webhook id) in one place for the ingress, which writes a retry or replay, and both
 * readers (the dispatcher carries the command out, the ingress's job store shows it pending): the Avro WebhookCommand
 * on the wire, and the JSON command of the versions before still read, so a command accepted before an upgrade is
 * still carried out after it.
 */
public final class CommandCodec {

    private final WebhookTopicCodec<WebhookCommand> codec;

    public CommandCodec(AvroSerdes serdes) {
        this.codec = new WebhookTopicCodec<>(serdes, WebhookCommand.class, CommandCodec::fromLegacy);
    }

    public byte[] encode(String topic, WebhookCommand command) {
        return codec.encode(topic, command);
    }

    /** The command of a record of the topic (Avro or the JSON before); null for a tombstone. */
    public WebhookCommand decode(String topic, byte[] bytes) {
        return codec.deserialize(topic, bytes);
    }

    /** A command of the JSON format before Avro (the ingress's hand-built command). */
    static WebhookCommand fromLegacy(String topic, JsonNode j) {
        List<String> logIds = null;
        JsonNode ids = j.get("logIds");
        if (ids != null && ids.isArray()) {
            logIds = new ArrayList<>(ids.size());
            for (JsonNode id : ids) {
                logIds.add(id.isNull() ? "null" : id.asText());
            }
        }
        return WebhookCommand.newBuilder().setType(text(j, "type")).setJobId(text(j, "jobId"))
                .setWebhookId(text(j, "webhookId")).setApplicationId(text(j, "applicationId"))
                .setRequestedAt(text(j, "requestedAt")).setLogIds(logIds).setFrom(text(j, "from"))
                .setTo(text(j, "to")).setStatus(text(j, "status")).build();
    }
}
