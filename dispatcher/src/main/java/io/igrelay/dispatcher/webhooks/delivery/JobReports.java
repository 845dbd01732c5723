package io.igrelay.dispatcher.webhooks.delivery;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Publishes the state of each retry/replay job to hub.webhook.jobs (JSON, key = job id, compacted) so the ingress
 * can answer GET …/webhook-log/replay/{jobId} on any replica and after any restart: running with the count queued
 * so far (at most every PROGRESS_EVERY events or second), then done or failed. The filter of the command is copied
 * into every record, so the latest record alone answers the query.
 */
public final class JobReports {

    private static final Logger LOG = LoggerFactory.getLogger(JobReports.class);
    private static final int PROGRESS_EVERY = 100;
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Clock clock;

    public JobReports(Producer<String, byte[]> producer, String topic, Clock clock) {
        this.producer = producer;
        this.topic = topic;
        this.clock = clock;
    }

    /** The progress of the job a command started; NONE for a command without a job id. */
    public JobProgress track(JsonObject command) {
        String jobId = command.getString("jobId");
        if (jobId == null || jobId.isBlank()) {
            return JobProgress.NONE;
        }
        JsonObject base = new JsonObject().put("jobId", jobId).put("type", command.getString("type"))
                .put("webhookId", command.getString("webhookId"))
                .put("applicationId", command.getString("applicationId"))
                .put("from", command.getString("from")).put("to", command.getString("to"))
                .put("status", command.getString("status"))
                .put("requestedAt", command.getString("requestedAt"));
        if (command.getJsonArray("logIds") != null) {
            base.put("requested", command.getJsonArray("logIds").size());
        }
        return new Tracker(base);
    }

    private final class Tracker implements JobProgress {
        private final JsonObject base;
        private int matched;
        private int queued;
        private int reportedQueued;
        private Instant startedAt;
        private Instant reportedAt = Instant.EPOCH;

        Tracker(JsonObject base) {
            this.base = base;
        }

        @Override
        public void started(int matched) {
            this.matched = matched;
            this.startedAt = clock.instant();
            publish("running", Optional.empty());
        }

        @Override
        public void queued() {
            queued++;
            if (queued - reportedQueued >= PROGRESS_EVERY
                    || !clock.instant().isBefore(reportedAt.plus(PROGRESS_INTERVAL))) {
                publish("running", Optional.empty());
            }
        }

        @Override
        public void finished(Optional<String> error) {
            publish(error.isEmpty() ? "done" : "failed", error);
        }

        private void publish(String state, Optional<String> error) {
            Instant now = clock.instant();
            reportedQueued = queued;
            reportedAt = now;
            JsonObject record = base.copy().put("state", state).put("matched", matched).put("queued", queued)
                    .put("error", error.orElse(null))
                    .put("startedAt", startedAt == null ? null : startedAt.toString())
                    .put("updatedAt", now.toString());
            String jobId = base.getString("jobId");
            producer.send(new ProducerRecord<>(topic, jobId, record.toBuffer().getBytes()), (m, e) -> {
                if (e != null) {
                    LOG.warn("job progress write failed for job {}: {}", jobId, e.toString());
                }
            });
        }
    }
}
