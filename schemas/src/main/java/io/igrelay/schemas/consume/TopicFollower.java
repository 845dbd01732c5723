package io.igrelay.schemas.consume;

import io.igrelay.schemas.failure.DeadLetterSink;
import io.igrelay.schemas.failure.DeadLetters;
import io.igrelay.schemas.failure.FailurePolicy;
import io.igrelay.schemas.ops.Probe;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * The one way a service follows a whole topic without a consumer group (the views of ig.channels, hub.webhooks,
 * hub.applications, the ledger, the attempt log): one thread assigns every partition, reads from the beginning and
 * keeps following, handing each decoded record to a sink in partition order. It starts while the broker is away
 * (it waits for the topic's metadata), applies the one FailurePolicy to every record (malformed: dead letter and go
 * on; dependency away: hold the record and retry; other: bounded retries, then dead letter), and reports into a
 * Probe, so health sees a view that is behind, waiting or dead. catchUp() completes once everything that was on the
 * topic when it was called has been handed over.
 */
public final class TopicFollower<V> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);

    /** Receives each record in partition order; {@code value} is null for a tombstone. */
    @FunctionalInterface
    public interface Sink<V> {
        void accept(ConsumerRecord<String, byte[]> record, V value);
    }

    /** How the follower reacts to failures and whom it tells. */
    public record Options(FailurePolicy policy, DeadLetterSink letters, Probe probe, Clock clock,
                          Duration pollTimeout) {
    }

    private record CatchUp(Map<TopicPartition, Long> target, CompletableFuture<Void> done) {
    }

    private record Failing(TopicPartition partition, long offset, int attempts) {
    }

    private final String topic;
    private final Consumer<String, byte[]> consumer;
    private final Deserializer<V> values;
    private final Sink<V> sink;
    private final Options options;
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> requested = new ConcurrentLinkedQueue<>();
    private final List<CatchUp> pending = new ArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CompletableFuture<Void> firstCatchUp;
    private final Thread thread;
    private volatile boolean running = true;
    private List<TopicPartition> partitions;
    private volatile Map<TopicPartition, Long> startAt = Map.of();
    private Failing failing;
    private int metadataAttempts;

    public TopicFollower(String topic, Consumer<String, byte[]> consumer, Deserializer<V> values, Sink<V> sink,
                         Options options) {
        this.topic = topic;
        this.consumer = consumer;
        this.values = values;
        this.sink = sink;
        this.options = options;
        this.thread = new Thread(this::run, "follow-" + topic);
        this.thread.setDaemon(true);
        // started() completes only once the probe says RUNNING: a caller that checks readiness right after it
        // must not see the view still STARTING (a flaky IngressReadinessTest found that window)
        this.firstCatchUp = catchUp().thenRun(options.probe()::running);
    }

    public TopicFollower<V> start() {
        thread.start();
        return this;
    }

    /** Reads these partitions from these offsets, not the beginning (a store's checkpoint); before start(). */
    public TopicFollower<V> startingAt(Map<TopicPartition, Long> offsets) {
        this.startAt = Map.copyOf(offsets);
        return this;
    }

    public String topic() {
        return topic;
    }

    /** Completes once everything on the topic when the follower was built has been handed over. */
    public CompletableFuture<Void> started() {
        return firstCatchUp;
    }

    /** Completes when every record that was on the topic at the time of the call has been handed over. */
    public CompletableFuture<Void> catchUp() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        requested.add(done);
        return done;
    }

    private void run() {
        try {
            while (running) {
                if (partitions == null && !assignPartitions()) {
                    continue;
                }
                takeRequests();
                ConsumerRecords<String, byte[]> records = consumer.poll(options.pollTimeout());
                if (records.isEmpty()) {
                    options.probe().lag(lag());
                } else if (handle(records)) {
                    options.probe().progressed(lag());
                }
                completeCaughtUp();
            }
            options.probe().stopped();
        } catch (WakeupException e) {
            options.probe().stopped();
        } catch (RuntimeException | Error e) {
            LOG.error("following {} stopped: {}", topic, e.toString());
            options.probe().failed(e);
            pending.forEach(c -> c.done().completeExceptionally(e));
            requested.forEach(f -> f.completeExceptionally(e));
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Waits (with backoff) until the broker tells the topic's partitions; false while it does not. */
    private boolean assignPartitions() {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            infos = null;
            options.probe().waiting("metadata of " + topic + ": " + e.getClass().getSimpleName());
        }
        if (infos == null || infos.isEmpty()) {
            options.probe().waiting("no partitions known yet for " + topic);
            pause(options.policy().backoff().delay(++metadataAttempts, ThreadLocalRandom.current()));
            return false;
        }
        partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        partitions.stream().filter(startAt::containsKey).forEach(tp -> consumer.seek(tp, startAt.get(tp)));
        consumer.seekToBeginning(partitions.stream().filter(tp -> !startAt.containsKey(tp)).toList());
        return true;
    }

    private void takeRequests() {
        if (requested.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> ends;
        try {
            ends = new HashMap<>(consumer.endOffsets(partitions, METADATA_TIMEOUT));
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            options.probe().waiting("end offsets of " + topic + ": " + e.getClass().getSimpleName());
            return; // asked again on the next turn
        }
        CompletableFuture<Void> request;
        while ((request = requested.poll()) != null) {
            pending.add(new CatchUp(ends, request));
        }
    }

    /** Hands the records over in partition order; false when a record is held back for a retry. */
    private boolean handle(ConsumerRecords<String, byte[]> records) {
        List<TopicPartition> batch = new ArrayList<>(records.partitions());
        for (int i = 0; i < batch.size(); i++) {
            for (ConsumerRecord<String, byte[]> record : records.records(batch.get(i))) {
                FailurePolicy.Verdict verdict = apply(record);
                if (verdict instanceof FailurePolicy.Retry retry) {
                    consumer.seek(batch.get(i), record.offset());
                    for (TopicPartition later : batch.subList(i + 1, batch.size())) {
                        consumer.seek(later, records.records(later).get(0).offset());
                    }
                    options.probe().waiting(retry.reason());
                    pause(retry.after());
                    return false;
                }
            }
        }
        return true;
    }

    /** Null when the record was handed over or given up; the retry verdict when it must be tried again. */
    private FailurePolicy.Verdict apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            LOG.warn("skipping keyless record {}-{}@{}", record.topic(), record.partition(), record.offset());
            return null;
        }
        try {
            V value = record.value() == null ? null : values.deserialize(record.topic(), record.value());
            sink.accept(record, value);
            failing = null;
            return null;
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            int attempts = failing != null && failing.partition().equals(tp) && failing.offset() == record.offset()
                    ? failing.attempts() + 1 : 1;
            failing = new Failing(tp, record.offset(), attempts);
            FailurePolicy.Verdict verdict = options.policy().decide(e, attempts, ThreadLocalRandom.current());
            if (verdict instanceof FailurePolicy.DeadLetter letter) {
                LOG.warn("giving up record {}-{}@{} ({}): {}", record.topic(), record.partition(), record.offset(),
                        letter.kind(), letter.reason());
                options.letters().send(DeadLetters.of(record.topic(), record.partition(), record.offset(),
                        record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8),
                        record.value(), letter.reason(), e, options.clock().instant()));
                failing = null;
                return null;
            }
            return verdict;
        }
    }

    private long lag() {
        long total = 0;
        for (TopicPartition tp : partitions) {
            total += consumer.currentLag(tp).orElse(0);
        }
        return total;
    }

    private void completeCaughtUp() {
        if (pending.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> positions = new HashMap<>();
        try {
            for (TopicPartition tp : partitions) {
                positions.put(tp, consumer.position(tp, METADATA_TIMEOUT));
            }
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            options.probe().waiting("positions on " + topic + ": " + e.getClass().getSimpleName());
            return; // the broker is away; asked again on the next turn
        }
        pending.removeIf(c -> {
            boolean reached = c.target().entrySet().stream()
                    .allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue());
            if (reached) {
                c.done().complete(null);
            }
            return reached;
        });
    }

    private void pause(Duration wait) {
        try {
            closing.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        closing.countDown();
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
