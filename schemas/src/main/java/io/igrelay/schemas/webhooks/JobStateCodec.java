package io.igrelay.schemas.webhooks;

import static io.igrelay.schemas.webhooks.WebhookTopicCodec.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.igrelay.avro.WebhookJob;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.serde.MalformedRecordException;
import java.io.IOException;
import java.util.Optional;

/*
 * hub.webhook.jobs (key = job id, compacted) in one place for the dispatcher, which reports its jobs there, and the
 * ingress, which answers for them: the Avro WebhookJob on the wire, the JSON record of the versions before still read,
 * and the JSON form both local stores keep (the same fields, in the same order, the hand-built record had, so rows
 * stored before stay readable). A record without its job id is malformed; one without a state is running.
 */
public final class JobStateCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookTopicCodec<WebhookJob> codec;

    public JobStateCodec(AvroSerdes serdes) {
        this.codec = new WebhookTopicCodec<>(serdes, WebhookJob.class, JobStateCodec::fromJson);
    }

    public byte[] encode(String topic, WebhookJob job) {
        return codec.encode(topic, job);
    }

    /** The job state of a record of the topic (Avro or the JSON before); null for a tombstone. */
    public WebhookJob decode(String topic, byte[] bytes) {
        return codec.deserialize(topic, bytes);
    }

    /** The job's JSON form, as the local stores keep it. */
    public static byte[] json(WebhookJob job) {
        ObjectNode json = JSON.createObjectNode().put("jobId", job.getJobId()).put("type", job.getType())
                .put("webhookId", job.getWebhookId()).put("applicationId", job.getApplicationId())
                .put("from", job.getFrom()).put("to", job.getTo()).put("status", job.getStatus())
                .put("requestedAt", job.getRequestedAt());
        if (job.getRequested() != null) {
            json.put("requested", job.getRequested());
        }
        if (job.getResumes() != null) {
            json.put("resumes", job.getResumes()).put("resumedAt", job.getResumedAt())
                    .put("deliveredBeforeResume", job.getDeliveredBeforeResume());
        }
        json.put("state", job.getState()).put("matched", job.getMatched()).put("queued", job.getQueued())
                .put("error", job.getError()).put("startedAt", job.getStartedAt()).put("updatedAt", job.getUpdatedAt());
        try {
            return JSON.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render job " + job.getJobId(), e);
        }
    }

    /** A job of its JSON form (a local store's row, or a record the versions before wrote to the topic). */
    public static WebhookJob fromJson(byte[] bytes) {
        try {
            return fromJson("a local store", JSON.readTree(bytes));
        } catch (IOException e) {
            throw new MalformedRecordException("stored job is not JSON", null, -1, e);
        }
    }

    static WebhookJob fromJson(String topic, JsonNode j) {
        String jobId = text(j, "jobId");
        if (jobId == null) {
            throw new MalformedRecordException("job record on " + topic + " lacks its jobId", topic, -1);
        }
        String state = Optional.ofNullable(text(j, "state")).orElse("running");
        return WebhookJob.newBuilder().setJobId(jobId).setType(text(j, "type")).setWebhookId(text(j, "webhookId"))
                .setApplicationId(text(j, "applicationId")).setFrom(text(j, "from")).setTo(text(j, "to"))
                .setStatus(text(j, "status")).setRequestedAt(text(j, "requestedAt"))
                .setRequested(number(j, "requested")).setResumes(number(j, "resumes"))
                .setResumedAt(text(j, "resumedAt")).setDeliveredBeforeResume(number(j, "deliveredBeforeResume"))
                .setState(state).setMatched(j.path("matched").asInt(0)).setQueued(j.path("queued").asInt(0))
                .setError(text(j, "error")).setStartedAt(text(j, "startedAt"))
                .setUpdatedAt(text(j, "updatedAt")).build();
    }

    private static Integer number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asInt();
    }
}
