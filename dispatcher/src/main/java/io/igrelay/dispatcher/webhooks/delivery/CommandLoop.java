package io.igrelay.dispatcher.webhooks.delivery;

import io.igrelay.dispatcher.webhooks.state.AttemptIndex;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Carries out the ingress's manual retries and replays (hub.webhook.commands, JSON, key = webhook id): RETRY names
 * log ids, REPLAY a time range and optional status of logged attempts. Both are turned into queue positions by
 * the AttemptIndex and re-sent by the QueueReplayer, so eventIds are kept; each job's progress goes to JobReports.
 * A command is committed only once its job's final state is on hub.webhook.jobs, so a dispatcher that stops mid-job
 * gets the command again after its restart: a job recorded as done or failed is left alone, one recorded as running
 * resumes under its id without re-sending what it already delivered (the attempt log names the job). Commands of
 * another Application's webhook are ignored.
 */
public final class CommandLoop implements AutoCloseable {

    /** Re-sends queue positions to one webhook for one job (the QueueReplayer). */
    public interface Resender {
        void positions(String webhookId, Map<Integer, TreeSet<Long>> wanted, String jobId, JobProgress progress);
    }

    private static final Logger LOG = LoggerFactory.getLogger(CommandLoop.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final AttemptIndex index;
    private final Resender replayer;
    private final JobReports jobs;
    private final JobLedger ledger;
    private final OffsetTracker offsets = new OffsetTracker(); // guarded by itself: jobs finish on other threads
    private final Map<String, List<Runnable>> active = new HashMap<>(); // job id -> commands waiting for it
    private final ChangedCommits commits;
    private final Thread thread;
    private volatile boolean running = true;

    public CommandLoop(KafkaConsumer<String, byte[]> consumer, String topic, AttemptIndex index, Resender replayer,
            JobReports jobs) {
        this(consumer, topic, index, replayer, jobs, new JobLedger());
    }

    public CommandLoop(KafkaConsumer<String, byte[]> consumer, String topic, AttemptIndex index, Resender replayer,
            JobReports jobs, JobLedger ledger) {
        this.consumer = consumer;
        this.jobs = jobs;
        this.topic = topic;
        this.index = index;
        this.replayer = replayer;
        this.ledger = ledger;
        this.commits = new ChangedCommits(topic, "webhook command");
        this.thread = new Thread(this::run, "webhook-commands");
    }

    public CommandLoop start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    commit();
                    synchronized (offsets) {
                        partitions.forEach(p -> offsets.forget(p.partition()));
                    }
                    partitions.forEach(p -> commits.forget(p.partition()));
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    // uncommitted commands are read again: their jobs are resumed or found finished
                }
            });
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    int partition = record.partition();
                    long offset = record.offset();
                    synchronized (offsets) {
                        offsets.register(partition, offset, 1);
                    }
                    Runnable recorded = () -> {
                        synchronized (offsets) {
                            offsets.done(partition, offset);
                        }
                    };
                    try {
                        handle(new JsonObject(io.vertx.core.buffer.Buffer.buffer(record.value())), recorded);
                    } catch (RuntimeException e) {
                        LOG.warn("skipping webhook command {}-{}@{}: {}", record.topic(), partition, offset,
                                e.toString());
                        recorded.run();
                    }
                }
                commit();
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            commit();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Commits, per partition, up to the oldest command whose job has not recorded its final state. */
    private void commit() {
        Map<Integer, Long> next = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            OptionalLong offset;
            synchronized (offsets) {
                offset = offsets.committable(tp.partition());
            }
            offset.ifPresent(o -> next.put(tp.partition(), o));
        }
        commits.commit(consumer, next);
    }

    void handle(JsonObject command) {
        handle(command, () -> { });
    }

    /** Starts, resumes or skips the command's job; {@code recorded} runs once its final state is recorded. */
    void handle(JsonObject command, Runnable recorded) {
        String jobId = command.getString("jobId");
        Optional<JsonObject> last = ledger.latest(jobId);
        if (last.isPresent() && JobLedger.isFinal(last.get())) {
            recorded.run(); // finished before the restart; nothing is sent again
            return;
        }
        Runnable finish = recorded;
        if (jobId != null) {
            synchronized (active) {
                List<Runnable> waiting = active.get(jobId);
                if (waiting != null) {
                    waiting.add(recorded); // read again (rebalance) while it still runs here
                    return;
                }
                active.put(jobId, new ArrayList<>(List.of(recorded)));
            }
            finish = () -> {
                List<Runnable> waiting;
                synchronized (active) {
                    waiting = active.remove(jobId);
                }
                if (waiting != null) {
                    waiting.forEach(Runnable::run);
                }
            };
        }
        Map<Integer, TreeSet<Long>> wanted;
        try {
            wanted = positions(command);
        } catch (RuntimeException e) {
            JobProgress failed = jobs.track(command, finish);
            failed.started(0);
            failed.finished(Optional.of("the command could not be read: " + e.getMessage()));
            return;
        }
        JobProgress progress;
        if (last.isPresent()) {
            int delivered = removeDelivered(wanted, index.deliveredBy(jobId));
            LOG.info("resuming webhook job {} that a restart interrupted: {} event(s) delivered before, {} left",
                    jobId, delivered, wanted.values().stream().mapToInt(Set::size).sum());
            progress = jobs.resume(command, last.get(), delivered, finish);
        } else {
            progress = jobs.track(command, finish);
        }
        if (wanted.isEmpty()) {
            progress.started(0);
            progress.finished(Optional.empty());
        } else {
            replayer.positions(command.getString("webhookId"), wanted, jobId, progress);
        }
    }

    /** The queue positions the command names, per partition, in queue order. */
    private Map<Integer, TreeSet<Long>> positions(JsonObject command) {
        String webhookId = command.getString("webhookId");
        String applicationId = command.getString("applicationId");
        List<AttemptIndex.Position> positions;
        if ("RETRY".equals(command.getString("type"))) {
            JsonArray ids = command.getJsonArray("logIds", new JsonArray());
            positions = ids.stream().map(String::valueOf).map(index::get).flatMap(Optional::stream)
                    .filter(p -> p.webhookId().equals(webhookId)).toList();
        } else {
            Instant from = Instant.parse(command.getString("from", Instant.EPOCH.toString()));
            Instant to = Instant.parse(command.getString("to", command.getString("requestedAt",
                    Instant.now().toString())));
            Optional<Boolean> success = Optional.ofNullable(command.getString("status")).map("Success"::equals);
            positions = index.select(webhookId, from, to, success);
        }
        Map<Integer, TreeSet<Long>> wanted = new HashMap<>();
        for (AttemptIndex.Position p : positions) {
            if (applicationId == null || applicationId.equals(p.applicationId())) {
                wanted.computeIfAbsent(p.partition(), k -> new TreeSet<>()).add(p.offset());
            }
        }
        return wanted;
    }

    private static int removeDelivered(Map<Integer, TreeSet<Long>> wanted, Set<Long> delivered) {
        int removed = 0;
        for (var entry : wanted.entrySet()) {
            int before = entry.getValue().size();
            entry.getValue().removeIf(offset -> delivered.contains(AttemptIndex.key(entry.getKey(), offset)));
            removed += before - entry.getValue().size();
        }
        wanted.values().removeIf(TreeSet::isEmpty);
        return removed;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
