package io.igrelay.ingress.api;

import io.igrelay.schemas.topics.TopicSpec;
import io.vertx.core.Future;
import java.util.Map;

/**
 * Writes one record to a catalogue topic and completes only once the broker acknowledged it (acks=all), on the
 * caller's Vert.x context. The hub API answers 202 from that completion (reply-after-ack).
 */
public interface RecordPublisher {

    /** Completes once the broker acknowledged the record; {@code headers} are UTF-8 string headers. */
    <V> Future<Void> publish(TopicSpec<V> topic, String key, V value, Map<String, String> headers);

    default <V> Future<Void> publish(TopicSpec<V> topic, String key, V value) {
        return publish(topic, key, value, Map.of());
    }
}
