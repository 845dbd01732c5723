package io.igrelay.ingress.apps;

import io.igrelay.schemas.consume.TopicFollower;
import io.igrelay.schemas.failure.DeadLetterSink;
import io.igrelay.schemas.failure.FailurePolicy;
import io.igrelay.schemas.ops.HealthMonitor;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Folds a compacted topic (hub.applications, ig.channels, hub.webhooks) into memory through the shared
 * {@link TopicFollower}: every partition from the beginning, without a consumer group, so each ingress replica holds
 * the whole view. It starts while the broker or the registry is away (the view stays empty and catches up), applies
 * the one FailurePolicy (a malformed record is logged and passed: it stays on its compacted topic; a registry outage
 * holds the record, never skips it), and reports into the ingress's health. {@link #start()} completes once the
 * records present when it was called were read; {@link #loaded()} says so without waiting.
 */
public final class CompactedTopicReader<V> implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final String topic;
    private final Properties consumerProps;
    private final BiFunction<String, byte[], V> decoder;
    private final BiConsumer<String, V> sink;
    private HealthMonitor health = HealthMonitor.standard(Clock.systemUTC());
    private TopicFollower<V> follower;

    /** @param decoder (topic, bytes) → value; throws on undecodable bytes */
    public CompactedTopicReader(String topic, Properties consumerProps, BiFunction<String, byte[], V> decoder,
                                BiConsumer<String, V> sink) {
        this.topic = topic;
        this.consumerProps = new Properties();
        this.consumerProps.putAll(consumerProps);
        this.consumerProps.remove("group.id");
        this.consumerProps.put("allow.auto.create.topics", "false"); // only the provisioner creates topics
        this.decoder = decoder;
        this.sink = sink;
    }

    /**
     * Reports into the service's health as "view &lt;topic&gt;" from its start on (before start; otherwise it
     * reports nowhere).
     */
    public synchronized CompactedTopicReader<V> reportInto(HealthMonitor monitor) {
        this.health = monitor;
        return this;
    }

    public synchronized CompletableFuture<Void> start() {
        if (follower == null) {
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                    new ByteArrayDeserializer());
            follower = new TopicFollower<V>(topic, consumer, decoder::apply,
                    (record, value) -> sink.accept(record.key(), value),
                    new TopicFollower.Options(FailurePolicy.DEFAULT, DeadLetterSink.logOnly(CompactedTopicReader.class),
                            health.register("view " + topic), Clock.systemUTC(), POLL)).start();
        }
        return follower.started();
    }

    /** True once the records present at start were read (requests that need the view answer 503 until then). */
    public synchronized boolean loaded() {
        return follower != null && follower.started().isDone() && !follower.started().isCompletedExceptionally();
    }

    @Override
    public synchronized void close() {
        if (follower != null) {
            follower.close();
        }
    }
}
