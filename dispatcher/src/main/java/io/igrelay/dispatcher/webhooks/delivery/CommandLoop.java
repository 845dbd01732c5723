package io.igrelay.dispatcher.webhooks.delivery;

import io.igrelay.avro.WebhookCommand;
import io.igrelay.dispatcher.failure.LoopLife;
import io.igrelay.dispatcher.failure.RecordGuard;
import io.igrelay.schemas.webhooks.CommandCodec;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;

/*
 * Consumes the ingress's manual retries and replays (hub.webhook.commands, CommandCodec, key = webhook id) and hands
 * each to the JobStarter, once the attempt log's store holds everything written before the command (so a log id the
 * ingress just showed resolves). A command is committed only once its job's final state is on hub.webhook.jobs, so a
 * dispatcher that stops mid-job gets the command again after its restart. Failures follow the FailurePolicy: a
 * command that does not read is dead-lettered, one held by an absent dependency is retried, never skipped.
 */
public final class CommandLoop implements AutoCloseable {

    private static final Duration LOG_WAIT = Duration.ofSeconds(30);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final JobStarter jobs;
    private final Supplier<CompletableFuture<Void>> logCatchUp;
    private final RecordGuard guard;
    private final LoopLife life;
    private final CommandCodec codec;
    private final OffsetTracker offsets = new OffsetTracker(); // guarded by itself: jobs finish on other threads
    private final ChangedCommits commits;
    private final Thread thread;
    private CompletableFuture<Void> logCaughtUp = CompletableFuture.completedFuture(null);

    public CommandLoop(Consumer<String, byte[]> consumer, String topic, CommandCodec codec, JobStarter jobs,
            Supplier<CompletableFuture<Void>> logCatchUp, RecordGuard guard, LoopLife life) {
        this.consumer = consumer;
        this.topic = topic;
        this.codec = codec;
        this.jobs = jobs;
        this.logCatchUp = logCatchUp;
        this.guard = guard;
        this.life = life;
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
            life.run(this::turn);
        } finally {
            commit();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void turn() {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
        Optional<Duration> hold = Optional.empty();
        if (!records.isEmpty()) {
            logCaughtUp = logCatchUp.get();
            hold = guard.runAll(consumer, records, this::handle, this::givenUp);
            hold.ifPresent(life::pause);
        }
        commit();
        if (hold.isEmpty()) {
            life.turnDone(LoopLife.lag(consumer), !records.isEmpty());
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        int partition = record.partition();
        long offset = record.offset();
        WebhookCommand command = codec.decode(record.topic(), record.value());
        awaitLog();
        synchronized (offsets) {
            offsets.register(partition, offset, 1);
        }
        Runnable recorded = () -> {
            synchronized (offsets) {
                offsets.done(partition, offset);
            }
        };
        if (command == null) {
            recorded.run();
            return;
        }
        try {
            jobs.handle(command, recorded);
        } catch (RuntimeException e) {
            synchronized (offsets) {
                offsets.withdraw(partition, offset); // held or dead-lettered by the guard: not done yet
            }
            throw e;
        }
    }

    /** A dead-lettered command counts as done, so the commit moves past it. */
    private void givenUp(ConsumerRecord<String, byte[]> record) {
        synchronized (offsets) {
            offsets.register(record.partition(), record.offset(), 0);
        }
    }

    /** Waits until the attempt log's store holds what was on the log when the poll returned. */
    private void awaitLog() {
        try {
            logCaughtUp.get(LOG_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LogNotReady(e);
        } catch (Exception e) {
            throw new LogNotReady(e);
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

    @Override
    public void close() {
        life.stop();
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The attempt log is not read up to the command yet (its follower is behind or waiting): hold the command. */
    static final class LogNotReady extends RetriableException {
        LogNotReady(Throwable cause) {
            super("the attempt log is not read up to this command yet: " + cause, cause);
        }
    }
}
