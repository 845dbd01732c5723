package io.igrelay.ingress.appwebhooks;

import io.igrelay.avro.WebhookCommand;
import io.igrelay.avro.WebhookJob;
import io.igrelay.schemas.config.KafkaSettings;
import io.igrelay.schemas.consume.TopicFollower;
import io.igrelay.schemas.failure.DeadLetterSink;
import io.igrelay.schemas.failure.FailurePolicy;
import io.igrelay.schemas.ops.HealthMonitor;
import io.igrelay.schemas.store.AttemptLog;
import io.igrelay.schemas.store.JobTable;
import io.igrelay.schemas.store.LocalStore;
import io.igrelay.schemas.store.RetentionSweeper;
import io.igrelay.schemas.topics.HubWebhookTopics;
import io.igrelay.schemas.webhooks.HubWebhookCodecs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/*
 * The ingress's local webhook store: the attempt log and the retry/replay jobs in RocksDB (memory independent of the
 * history), fed by one TopicFollower per topic that resumes at the offset the store recorded, so a restart reads only
 * what is new; the store enforces the retention itself (30 days of attempts, 7 days of jobs). A record that does not
 * read is logged by topic/partition/offset and passed (it stays on its topic); while the broker is away the
 * followers wait. Followers are closed before the store.
 */
final class HookStores implements AutoCloseable {

    private static final Duration JOB_RETENTION = Duration.ofDays(7);
    private static final Duration POLL = Duration.ofMillis(200);

    private final LocalStore store;
    private final AttemptLog attempts;
    private final JobTable jobTable;
    private final AttemptLogView log;
    private final JobView jobs;
    private final RetentionSweeper sweeper;
    private final KafkaSettings kafka;
    private final Clock clock;
    private final HubWebhookCodecs codecs;
    private HealthMonitor health;
    private List<TopicFollower<?>> followers = List.of();
    private CompletableFuture<Void> loaded = new CompletableFuture<>();

    HookStores(Path dir, Duration logRetention, KafkaSettings kafka, HubWebhookCodecs codecs, Clock clock) {
        this.kafka = kafka;
        this.codecs = codecs;
        this.clock = clock;
        this.health = HealthMonitor.standard(clock);
        this.store = LocalStore.open(dir);
        this.attempts = new AttemptLog(store, logRetention, clock);
        this.jobTable = new JobTable(store, JOB_RETENTION, clock);
        this.log = new AttemptLogView(attempts);
        this.jobs = new JobView(jobTable);
        this.sweeper = new RetentionSweeper(List.of(attempts::purge, jobTable::purge), Duration.ofMinutes(1),
                clock);
    }

    void reportInto(HealthMonitor monitor) {
        this.health = monitor;
    }

    AttemptLogView log() {
        return log;
    }

    JobView jobs() {
        return jobs;
    }

    /** Starts the followers; the future completes once each has read what its topic held at start. */
    CompletableFuture<Void> start(HubWebhookTopics topics) {
        TopicFollower<AttemptLog.Attempt> logFollower = new TopicFollower<>(topics.log(), consumer("log"),
                codecs.log()::index, (r, attempt) -> {
                    if (attempt == null) {
                        attempts.skip(partition(r.topic(), r.partition()), r.offset());
                    } else {
                        attempts.apply(attempt, partition(r.topic(), r.partition()), r.offset());
                    }
                },
                options("webhook-log-store", attempts::skip)).startingAt(attempts.positions(topics.log()));
        TopicFollower<WebhookCommand> commandFollower = new TopicFollower<>(topics.commands(), consumer("commands"),
                codecs.commands()::decode, (r, command) -> jobs.applyCommand(command,
                        partition(r.topic(), r.partition()), r.offset()),
                options("webhook-commands-store", jobTable::skip)).startingAt(jobTable.positions(topics.commands()));
        TopicFollower<WebhookJob> jobFollower = new TopicFollower<>(topics.jobs(), consumer("jobs"),
                codecs.jobs()::decode, (r, progress) -> jobs.applyProgress(progress,
                        partition(r.topic(), r.partition()), r.offset()),
                options("webhook-jobs-store", jobTable::skip)).startingAt(jobTable.positions(topics.jobs()));
        followers = List.of(logFollower.start(), commandFollower.start(), jobFollower.start());
        loaded = CompletableFuture.allOf(logFollower.started(), commandFollower.started(), jobFollower.started());
        return loaded;
    }

    /** Whether the store has read every topic up to where it was at start (the log routes answer until then 503). */
    boolean loaded() {
        return loaded.isDone() && !loaded.isCompletedExceptionally();
    }

    private interface Skip {
        void skip(TopicPartition partition, long offset);
    }

    private TopicFollower.Options options(String name, Skip skip) {
        DeadLetterSink log = DeadLetterSink.logOnly(HookStores.class);
        DeadLetterSink letters = letter -> {
            log.send(letter);
            skip.skip(partition(letter.getTopic(), letter.getPartition()), letter.getOffset());
        };
        return new TopicFollower.Options(FailurePolicy.DEFAULT, letters, health.register(name), clock, POLL);
    }

    private static TopicPartition partition(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

    private KafkaConsumer<String, byte[]> consumer(String name) {
        Properties props = kafka.consumer("igrelay-ingress-webhook-" + name, "unused");
        props.remove("group.id");
        props.put("allow.auto.create.topics", "false"); // only the provisioner creates topics
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        followers.forEach(TopicFollower::close);
        sweeper.close();
        store.close();
    }
}
