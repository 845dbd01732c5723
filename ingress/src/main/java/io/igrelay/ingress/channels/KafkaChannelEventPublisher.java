package io.igrelay.ingress.channels;

import io.igrelay.avro.ChannelEvent;
import io.igrelay.ingress.ops.OffLoopProducer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@link ChannelEventPublisher} over a Kafka producer (acks=all, idempotent): key = channel UUID, the answer comes
 * from the send callback so the event loop never blocks. Event values hold only encrypted tokens.
 */
public final class KafkaChannelEventPublisher implements ChannelEventPublisher, AutoCloseable {

    private final Producer<String, ChannelEvent> producer;
    private final String topic;

    public KafkaChannelEventPublisher(Properties producerProps, Serializer<ChannelEvent> serializer, String topic) {
        Properties props = new Properties();
        props.putAll(producerProps);
        props.put("max.block.ms", "5000");
        this.producer = OffLoopProducer.wrap(new KafkaProducer<>(props, new StringSerializer(), serializer),
                "channel-events");
        this.topic = topic;
    }

    @Override
    public Future<Void> publish(ChannelEvent event) {
        Promise<Void> promise = Promise.promise();
        try {
            producer.send(new ProducerRecord<>(topic, event.getChannelId(), event), (metadata, error) -> {
                if (error == null) {
                    promise.tryComplete();
                } else {
                    promise.tryFail(error);
                }
            });
        } catch (RuntimeException e) {
            promise.tryFail(e);
        }
        return promise.future();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
