package io.igrelay.dispatcher.webhooks.state;

import io.igrelay.avro.WebhookJob;
import io.igrelay.schemas.consume.TopicFollower;
import io.igrelay.schemas.failure.DeadLetterSink;
import io.igrelay.schemas.failure.FailurePolicy;
import io.igrelay.schemas.ops.Probe;
import io.igrelay.schemas.store.AttemptLog;
import io.igrelay.schemas.store.JobTable;
import io.igrelay.schemas.store.LocalStore;
import io.igrelay.schemas.store.RetentionSweeper;
import io.igrelay.schemas.webhooks.HubWebhookCodecs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/*
 * The dispatcher's local webhook store: the attempt log (hub.webhook.log) and the job states (hub.webhook.jobs) in
 * RocksDB, each fed by a TopicFollower that resumes at the offset the store recorded (a restart reads only what is
 * new, not 30 days), the replay positions of running jobs, and the retention sweep. Heap use does not depend on the
 * history. Closes followers before the store, so nothing writes to a closed store.
 */
public final class WebhookStores implements AutoCloseable {

    /** Applies one job-state record of hub.webhook.jobs read at (partition, offset). */
    @FunctionalInterface
    public interface JobSink {
        void apply(String jobId, WebhookJob state, TopicPartition source, long offset);
    }

    private static final Duration JOB_RETENTION = Duration.ofDays(7);
    private static final Duration POLL = Duration.ofMillis(100);

    private final LocalStore store;
    private final AttemptLog log;
    private final JobTable jobs;
    private final ReplayPositions replays;
    private final RetentionSweeper sweeper;
    private final Clock clock;
    private final HubWebhookCodecs codecs;
    private TopicFollower<AttemptLog.Attempt> logFollower;
    private TopicFollower<WebhookJob> jobFollower;

    public WebhookStores(Path dir, Duration logRetention, HubWebhookCodecs codecs, Clock clock) {
        this.clock = clock;
        this.codecs = codecs;
        this.store = LocalStore.open(dir);
        this.log = AttemptLog.positionsOnly(store, logRetention, clock); // the queries are the ingress's
        this.jobs = new JobTable(store, JOB_RETENTION, clock);
        this.replays = new ReplayPositions(store);
        this.sweeper = new RetentionSweeper(List.of(log::purge, jobs::purge), Duration.ofMinutes(1), clock);
    }

    public AttemptLog log() {
        return log;
    }

    public JobTable jobs() {
        return jobs;
    }

    public ReplayPositions replays() {
        return replays;
    }

    /** Follows the attempt log from where the store left off; a malformed line is dead-lettered and passed. */
    public void followLog(String topic, Consumer<String, byte[]> consumer, DeadLetterSink letters, Probe probe) {
        logFollower = new TopicFollower<>(topic, consumer, codecs.log()::positions,
                (record, attempt) -> {
                    TopicPartition source = new TopicPartition(record.topic(), record.partition());
                    if (attempt == null) {
                        log.skip(source, record.offset());
                    } else {
                        log.apply(attempt, source, record.offset());
                    }
                },
                options(letter -> {
                    letters.send(letter);
                    log.skip(new TopicPartition(letter.getTopic(), letter.getPartition()), letter.getOffset());
                }, probe)).startingAt(log.positions(topic)).start();
    }

    /** Follows the job states from where the store left off. */
    public void followJobs(String topic, Consumer<String, byte[]> consumer, JobSink sink, DeadLetterSink letters,
                           Probe probe) {
        jobFollower = new TopicFollower<>(topic, consumer, codecs.jobs()::decode,
                (record, state) -> sink.apply(record.key(), state,
                        new TopicPartition(record.topic(), record.partition()), record.offset()),
                options(letter -> {
                    letters.send(letter);
                    jobs.skip(new TopicPartition(letter.getTopic(), letter.getPartition()), letter.getOffset());
                }, probe)).startingAt(jobs.positions(topic)).start();
    }

    private TopicFollower.Options options(DeadLetterSink letters, Probe probe) {
        return new TopicFollower.Options(FailurePolicy.DEFAULT, letters, probe, clock, POLL);
    }

    public CompletableFuture<Void> logStarted() {
        return logFollower.started();
    }

    public CompletableFuture<Void> jobsStarted() {
        return jobFollower.started();
    }

    /** Completes once the store holds every attempt on the log at the time of the call. */
    public CompletableFuture<Void> logCatchUp() {
        return logFollower.catchUp();
    }

    @Override
    public void close() {
        if (logFollower != null) {
            logFollower.close();
        }
        if (jobFollower != null) {
            jobFollower.close();
        }
        sweeper.close();
        store.close();
    }
}
