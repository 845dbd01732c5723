package io.igrelay.ingress.api;

import io.igrelay.schemas.topics.TopicSpec;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link RecordPublisher} that keeps what it was given, or fails every publish while {@code failing} is set. */
final class RecordingPublisher implements RecordPublisher {

    record Published(String topic, String key, Object value, Map<String, String> headers) {
    }

    final List<Published> records = new CopyOnWriteArrayList<>();
    volatile boolean failing;

    @Override
    public <V> Future<Void> publish(TopicSpec<V> topic, String key, V value, Map<String, String> headers) {
        if (failing) {
            return Future.failedFuture(new IllegalStateException("broker down"));
        }
        records.add(new Published(topic.baseName(), key, value, Map.copyOf(headers)));
        return Future.succeededFuture();
    }

    List<Object> valuesOn(TopicSpec<?> topic) {
        return records.stream().filter(r -> r.topic().equals(topic.baseName())).map(Published::value).toList();
    }
}
