package io.igrelay.dispatcher.state;

import io.igrelay.schemas.consume.TopicFollower;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BinaryOperator;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.serialization.Deserializer;

/*
 * A read-only, in-memory view of a compacted topic (ig.channels, ig.dispatch.ledger), folded per key with a merge
 * rule; a tombstone removes the key. Reading the topic is the one TopicFollower's job (it starts without the broker,
 * applies the failure policy, reports into health), so this class is only the fold. Nobody else writes the topic
 * from here (each compacted topic has one writer); put() folds a value this process wrote before the echo arrives.
 */
public final class CompactedTopicView<V> implements AutoCloseable {

    /** Told after each change of a key ({@code before} or {@code after} null when absent). */
    @FunctionalInterface
    public interface Listener<V> {
        void changed(String key, V before, V after);
    }

    private final String topic;
    private final BinaryOperator<V> merge;
    private final Map<String, V> entries = new ConcurrentHashMap<>();
    private Listener<V> listener = (key, before, after) -> { };
    private TopicFollower<V> follower;

    /** {@code merge(old, new)} decides what a later record does to the current value of its key. */
    public CompactedTopicView(String topic, BinaryOperator<V> merge) {
        this.topic = topic;
        this.merge = merge;
    }

    /** Starts following the topic from its beginning; every record is folded in partition order. */
    public CompactedTopicView<V> follow(Consumer<String, byte[]> consumer, Deserializer<V> values,
                                        TopicFollower.Options options) {
        follower = new TopicFollower<>(topic, consumer, values, (record, value) -> apply(record.key(), value),
                options).start();
        return this;
    }

    /** Sets who hears of changes; before {@link #follow}. */
    public CompactedTopicView<V> listen(Listener<V> listener) {
        this.listener = listener;
        return this;
    }

    public String topic() {
        return topic;
    }

    /** Folds one record of the topic (null value = tombstone). */
    public void apply(String key, V value) {
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

    /** Folds a value this process wrote itself, before the topic echoes it back. */
    public void put(String key, V value) {
        entries.merge(key, value, merge);
    }

    public int size() {
        return entries.size();
    }

    /** Completes once everything on the topic when the view started has been folded. */
    public CompletableFuture<Void> started() {
        return follower == null ? CompletableFuture.completedFuture(null) : follower.started();
    }

    /** Completes when the view holds every record on the topic at the time of the call. */
    public CompletableFuture<Void> catchUp() {
        return follower == null ? CompletableFuture.completedFuture(null) : follower.catchUp();
    }

    @Override
    public void close() {
        if (follower != null) {
            follower.close();
        }
    }
}
