package io.igrelay.ingress.api;

import io.igrelay.ingress.ops.EventLoopGuard;
import io.igrelay.ingress.ops.OffLoopProducer;
import io.igrelay.schemas.topics.TopicSpec;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@link RecordPublisher} over one idempotent acks=all producer. {@code send} never runs on the event loop: the
 * producer is wrapped here ({@link OffLoopProducer}), so a publish from a handler hands the send (and the
 * serializer's registry lookup) to the producer's own sender thread, and a Kafka or registry hiccup cannot freeze
 * the loop; the broker's acknowledgement is handed back to the caller's context. Topic metadata and schema ids are
 * fetched beforehand ({@link #warmUp}, off the loop).
 */
public final class KafkaRecordPublisher implements RecordPublisher, AutoCloseable {

    private final Vertx vertx;
    private final Producer<String, Object> producer;
    private final String prefix;

    /** Takes over {@code producer} (closing the publisher closes it), behind the process's event-loop guard. */
    public KafkaRecordPublisher(Vertx vertx, Producer<String, Object> producer, String prefix) {
        this(vertx, producer, prefix, EventLoopGuard.process());
    }

    KafkaRecordPublisher(Vertx vertx, Producer<String, Object> producer, String prefix, EventLoopGuard guard) {
        this.vertx = vertx;
        this.producer = OffLoopProducer.wrap(producer, "api", guard);
        this.prefix = prefix;
    }

    @Override
    public <V> Future<Void> publish(TopicSpec<V> topic, String key, V value, Map<String, String> headers) {
        Context context = vertx.getOrCreateContext();
        Promise<Void> acked = Promise.promise();
        try {
            ProducerRecord<String, Object> record = new ProducerRecord<>(topic.name(prefix), key, value);
            headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
            producer.send(record, (metadata, error) ->
                    context.runOnContext(v -> {
                        if (error == null) {
                            acked.complete();
                        } else {
                            acked.fail(error);
                        }
                    }));
        } catch (RuntimeException e) {
            acked.fail(e);
        }
        return acked.future();
    }

    /** Blocking: fetches partition metadata of {@code topics}; call from a worker before serving. */
    public void warmUp(Iterable<TopicSpec<?>> topics) {
        topics.forEach(t -> producer.partitionsFor(t.name(prefix)));
    }

    /** Closes the producer (waits up to {@code timeout} for records in flight) and its sender thread. */
    public void close(Duration timeout) {
        producer.close(timeout);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
