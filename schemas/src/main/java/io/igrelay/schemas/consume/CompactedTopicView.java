package io.igrelay.schemas.consume;

import io.igrelay.schemas.failure.DeadLetterSink;
import io.igrelay.schemas.failure.FailurePolicy;
import io.igrelay.schemas.ops.HealthMonitor;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/*
 * The one in-memory view of a compacted topic (ig.channels, hub.applications, hub.webhooks, the dispatch ledger...):
 * the shared TopicFollower reads every partition from the beginning without a consumer group (so every replica holds
 * the whole view), starts while the broker or the registry is away, applies the one FailurePolicy and reports into
 * health; this class is the fold per key. With a merge rule it keeps the latest value of each key (merge(old, new)
 * decides what a later record does; a tombstone removes the key) and tells a listener each change; without one
 * (reading(...)) it keeps nothing itself and hands every record (null value = tombstone) to its sink, which holds the
 * view. Nobody writes the topic from here (each compacted topic has one writer); put() folds a value this process
 * wrote before the topic echoes it back. Two ways to start: follow() at once with a consumer and options, or
 * reading(...) then start(), which opens its own group-less consumer and reports into health as "view <topic>".
 */
public final class CompactedTopicView<V> implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    /** Told after each change of a key ({@code before} or {@code after} null when absent). */
    @FunctionalInterface
    public interface Listener<V> {
        void changed(String key, V before, V after);
    }

    private record Source<V>(Supplier<Consumer<String, byte[]>> consumers, Deserializer<V> values) {
    }

    private final String topic;
    private final BinaryOperator<V> merge;
    private final Map<String, V> entries = new ConcurrentHashMap<>();
    private Listener<V> listener = (key, before, after) -> { };
    private Source<V> source;
    private HealthMonitor health = HealthMonitor.standard(Clock.systemUTC());
    private TopicFollower<V> follower;

    /** {@code merge(old, new)} decides what a later record does to the current value of its key. */
    public CompactedTopicView(String topic, BinaryOperator<V> merge) {
        this.topic = topic;
        this.merge = merge;
    }

    /**
     * A view that keeps nothing itself: each record goes to {@code sink} (key, value; null value = tombstone) once
     * {@link #start()} opened a consumer with these properties (no group, no topic auto-creation).
     */
    public static <V> CompactedTopicView<V> reading(String topic, Properties consumerProps, Deserializer<V> values,
                                                    BiConsumer<String, V> sink) {
        Properties props = new Properties();
        props.putAll(consumerProps);
        props.remove("group.id");
        props.put("allow.auto.create.topics", "false"); // only the provisioner creates topics
        return reading(topic, () -> new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer()),
                values, sink);
    }

    /** As above with a given consumer (tests); {@code consumers} is called once, by {@link #start()}. */
    public static <V> CompactedTopicView<V> reading(String topic, Supplier<Consumer<String, byte[]>> consumers,
                                                    Deserializer<V> values, BiConsumer<String, V> sink) {
        CompactedTopicView<V> view = new CompactedTopicView<V>(topic, null)
                .listen((key, before, after) -> sink.accept(key, after));
        view.source = new Source<>(consumers, values);
        return view;
    }

    /** Starts following the topic from its beginning; every record is folded in partition order. */
    public synchronized CompactedTopicView<V> follow(Consumer<String, byte[]> consumer, Deserializer<V> values,
                                                     TopicFollower.Options options) {
        follower = new TopicFollower<>(topic, consumer, values, (record, value) -> apply(record.key(), value),
                options).start();
        return this;
    }

    /** Sets who hears of changes; before the view starts. */
    public CompactedTopicView<V> listen(Listener<V> listener) {
        this.listener = listener;
        return this;
    }

    /** Reports as "view &lt;topic&gt;" into the service's health once {@link #start()}ed (before start). */
    public synchronized CompactedTopicView<V> reportInto(HealthMonitor monitor) {
        this.health = monitor;
        return this;
    }

    /** Opens the consumer of a {@link #reading} view once; completes when the records present then were read. */
    public synchronized CompletableFuture<Void> start() {
        if (follower == null && source != null) {
            follower = new TopicFollower<>(topic, source.consumers().get(), source.values(),
                    (record, value) -> apply(record.key(), value),
                    new TopicFollower.Options(FailurePolicy.DEFAULT, DeadLetterSink.logOnly(CompactedTopicView.class),
                            health.register("view " + topic), Clock.systemUTC(), POLL)).start();
        }
        return started();
    }

    /** True once the records present at start were read (requests that need the view answer 503 until then). */
    public synchronized boolean loaded() {
        return follower != null && follower.started().isDone() && !follower.started().isCompletedExceptionally();
    }

    public String topic() {
        return topic;
    }

    /** Folds one record of the topic (null value = tombstone). */
    public void apply(String key, V value) {
        if (merge == null) {
            listener.changed(key, null, value);
            return;
        }
        V before = entries.get(key);
        if (value == null) {
            entries.remove(key);
        } else {
            entries.merge(key, value, merge);
        }
        listener.changed(key, before, entries.get(key));
    }

    public Optional<V> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** Folds a value this process wrote itself, before the topic echoes it back (no listener call). */
    public void put(String key, V value) {
        if (merge != null) {
            entries.merge(key, value, merge);
        }
    }

    public int size() {
        return entries.size();
    }

    /** Completes once everything on the topic when the view started has been folded. */
    public synchronized CompletableFuture<Void> started() {
        return follower == null ? CompletableFuture.completedFuture(null) : follower.started();
    }

    /** Completes when the view holds every record on the topic at the time of the call. */
    public synchronized CompletableFuture<Void> catchUp() {
        return follower == null ? CompletableFuture.completedFuture(null) : follower.catchUp();
    }

    @Override
    public synchronized void close() {
        if (follower != null) {
            follower.close();
        }
    }
}
