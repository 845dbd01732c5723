package io.igrelay.dispatcher.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BinaryOperator;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * A read-only, in-memory view of a compacted topic (ig.channels, ig.dispatch.ledger): one thread assigns every
 * partition, reads from the beginning and keeps following, folding each key with a merge rule; a tombstone removes
 * the key. Nobody else writes the topic from here (each compacted topic has one writer). catchUp() answers once the
 * view holds everything that was on the topic when it was called.
 */
public final class CompactedTopicView<V> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicView.class);

    private record CatchUp(Map<TopicPartition, Long> target, CompletableFuture<Void> done) {
    }

    private final String topic;
    private final Consumer<String, byte[]> consumer;
    private final Deserializer<V> deserializer;
    private final BinaryOperator<V> merge;
    private final Map<String, V> entries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> requested = new ConcurrentLinkedQueue<>();
    private final List<CatchUp> pending = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    /** {@code merge(old, new)} decides what a later record does to the current value of its key. */
    public CompactedTopicView(String topic, Consumer<String, byte[]> consumer, Deserializer<V> deserializer,
            BinaryOperator<V> merge) {
        this.topic = topic;
        this.consumer = consumer;
        this.deserializer = deserializer;
        this.merge = merge;
        this.thread = new Thread(this::run, "view-" + topic);
        this.thread.setDaemon(true);
    }

    public CompactedTopicView<V> start() {
        thread.start();
        return this;
    }

    public Optional<V> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** Folds a value this process wrote itself, before the topic echoes it back. */
    public void put(String key, V value) {
        entries.merge(key, value, merge);
    }

    public int size() {
        return entries.size();
    }

    /** Completes when the view holds every record on the topic at the time of the call. */
    public CompletableFuture<Void> catchUp() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        requested.add(done);
        return done;
    }

    /** Blocking form of {@link #catchUp()}. */
    public void awaitCaughtUp(Duration timeout) {
        try {
            catchUp().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("view of " + topic + " did not catch up within " + timeout, e);
        }
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                takeRequests(partitions);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    apply(record);
                }
                completeCaughtUp();
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("view of {} stopped: {}", topic, e.toString());
            pending.forEach(c -> c.done().completeExceptionally(e));
            requested.forEach(f -> f.completeExceptionally(e));
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void takeRequests(List<TopicPartition> partitions) {
        CompletableFuture<Void> request;
        while ((request = requested.poll()) != null) {
            pending.add(new CatchUp(new HashMap<>(consumer.endOffsets(partitions)), request));
        }
    }

    private void completeCaughtUp() {
        pending.removeIf(c -> {
            boolean reached = c.target().entrySet().stream()
                    .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            if (reached) {
                c.done().complete(null);
            }
            return reached;
        });
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            entries.remove(record.key());
            return;
        }
        try {
            V value = deserializer.deserialize(record.topic(), record.value());
            entries.merge(record.key(), value, merge);
        } catch (SerializationException e) {
            LOG.warn("skipping undecodable record {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
