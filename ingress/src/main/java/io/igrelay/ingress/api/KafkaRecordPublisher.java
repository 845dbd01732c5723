package io.igrelay.ingress.api;

import io.igrelay.schemas.topics.TopicSpec;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@link RecordPublisher} over one idempotent acks=all producer. {@code send} never waits on the event loop: the
 * broker's acknowledgement comes back on the producer's thread and is handed to the caller's context. Topic
 * metadata and schema ids are fetched beforehand ({@link #warmUp}) so no send blocks on them.
 */
public final class KafkaRecordPublisher implements RecordPublisher {

    private final Vertx vertx;
    private final Producer<String, Object> producer;
    private final String prefix;

    public KafkaRecordPublisher(Vertx vertx, Producer<String, Object> producer, String prefix) {
        this.vertx = vertx;
        this.producer = producer;
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
}
