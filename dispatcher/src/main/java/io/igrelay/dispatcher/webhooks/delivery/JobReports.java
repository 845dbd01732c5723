package io.igrelay.dispatcher.webhooks.delivery;

import io.igrelay.avro.WebhookCommand;
import io.igrelay.avro.WebhookJob;
import io.igrelay.schemas.webhooks.JobStateCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Publishes the state of each retry/replay job to hub.webhook.jobs (WebhookJob through JobStateCodec, key = job id,
 * compacted) so the ingress
 * can answer GET …/webhook-log/replay/{jobId} on any replica and after any restart: running with the count queued
 * so far (at most every PROGRESS_EVERY events or second), then done — once every matched event was handed over and
 * the engine is through with its first try — or failed. The filter of the command is copied into every record, so
 * the latest record alone answers the query. A job interrupted by a restart is resumed under the same id: its
 * records then say how often (`resumes`), when (`resumedAt`) and how many events the earlier run had delivered.
 */
public final class JobReports {

    private static final Logger LOG = LoggerFactory.getLogger(JobReports.class);
    private static final int PROGRESS_EVERY = 100;
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final JobStateCodec codec;
    private final Clock clock;
    private final JobLedger ledger;

    public JobReports(Producer<String, byte[]> producer, String topic, JobStateCodec codec, Clock clock,
            JobLedger ledger) {
        this.producer = producer;
        this.topic = topic;
        this.codec = codec;
        this.clock = clock;
        this.ledger = ledger;
    }

    /** The progress of the job a command started; publishes nothing for a command without a job id. */
    public JobProgress track(WebhookCommand command) {
        return track(command, () -> { });
    }

    /** As {@link #track(WebhookCommand)}; {@code recorded} runs once the job's final state is on the broker. */
    public JobProgress track(WebhookCommand command, Runnable recorded) {
        return new Tracker(base(command), recorded, 0, Optional.empty());
    }

    /**
     * The progress of a job that was {@code running} when the dispatcher stopped ({@code last} is its latest
     * record): same id, same start, {@code alreadyDelivered} events of it counted as queued and settled.
     */
    public JobProgress resume(WebhookCommand command, WebhookJob last, int alreadyDelivered, Runnable recorded) {
        return new Tracker(base(command), recorded, alreadyDelivered, Optional.of(last));
    }

    private static Optional<WebhookJob.Builder> base(WebhookCommand command) {
        String jobId = command.getJobId();
        if (jobId == null || jobId.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(WebhookJob.newBuilder().setJobId(jobId).setType(command.getType())
                .setWebhookId(command.getWebhookId()).setApplicationId(command.getApplicationId())
                .setFrom(command.getFrom()).setTo(command.getTo()).setStatus(command.getStatus())
                .setRequestedAt(command.getRequestedAt())
                .setRequested(command.getLogIds() == null ? null : command.getLogIds().size()));
    }

    private final class Tracker implements JobProgress {
        private final Optional<WebhookJob.Builder> base;
        private final Runnable recorded;
        private final int earlier;
        private int matched;
        private int queued;
        private int settled;
        private boolean handedAll;
        private boolean over;
        private int reportedQueued;
        private Instant startedAt;
        private Instant reportedAt = Instant.EPOCH;

        Tracker(Optional<WebhookJob.Builder> base, Runnable recorded, int earlier, Optional<WebhookJob> last) {
            this.recorded = recorded;
            this.earlier = earlier;
            this.queued = earlier;
            this.settled = earlier;
            this.reportedQueued = earlier;
            this.base = base.map(b -> last.isEmpty() ? b : b
                    .setResumes(Optional.ofNullable(last.get().getResumes()).orElse(0) + 1)
                    .setResumedAt(clock.instant().toString()).setDeliveredBeforeResume(earlier));
            this.startedAt = last.flatMap(l -> Optional.ofNullable(l.getStartedAt())).map(Instant::parse)
                    .orElse(null);
        }

        @Override
        public synchronized void started(int matched) {
            this.matched = earlier + matched;
            if (startedAt == null) {
                startedAt = clock.instant();
            }
            publish("running", Optional.empty());
        }

        @Override
        public synchronized void queued() {
            queued++;
            if (queued - reportedQueued >= PROGRESS_EVERY
                    || !clock.instant().isBefore(reportedAt.plus(PROGRESS_INTERVAL))) {
                publish("running", Optional.empty());
            }
        }

        @Override
        public synchronized void settled() {
            settled++;
            finishIfThrough();
        }

        @Override
        public synchronized void finished(Optional<String> error) {
            if (error.isPresent()) {
                end("failed", error);
            } else {
                handedAll = true;
                finishIfThrough();
            }
        }

        private void finishIfThrough() {
            if (handedAll && settled >= queued) {
                end("done", Optional.empty());
            }
        }

        private void end(String state, Optional<String> error) {
            if (over) {
                return;
            }
            over = true;
            if (base.isEmpty()) {
                recorded.run();
                return;
            }
            publish(state, error).whenComplete((m, e) -> {
                if (e == null) {
                    recorded.run(); // only now may the job's command be committed
                }
            });
        }

        private CompletableFuture<Void> publish(String state, Optional<String> error) {
            var sent = new CompletableFuture<Void>();
            if (base.isEmpty()) {
                sent.complete(null);
                return sent;
            }
            Instant now = clock.instant();
            reportedQueued = queued;
            reportedAt = now;
            WebhookJob record = WebhookJob.newBuilder(base.get()).setState(state).setMatched(matched)
                    .setQueued(queued).setError(error.orElse(null))
                    .setStartedAt(startedAt == null ? null : startedAt.toString()).setUpdatedAt(now.toString())
                    .build();
            String jobId = record.getJobId();
            producer.send(new ProducerRecord<>(topic, jobId, codec.encode(topic, record)), (m, e) -> {
                if (e != null) {
                    LOG.warn("job progress write failed for job {}: {}", jobId, e.toString());
                    sent.completeExceptionally(e);
                } else {
                    ledger.record(jobId, record);
                    sent.complete(null);
                }
            });
            return sent;
        }
    }
}
