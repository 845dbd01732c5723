package io.igrelay.bench.processor;

import io.igrelay.avro.WebhookDelivery;
import io.igrelay.bench.BenchKafka;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes the processor rows' webhook deliveries to a pipeline's input topic as the ingress does (Avro with the
 * registry's wire format, key = account id, acks=all), either as a bulk fill before the pipeline starts or one by
 * one at a paced rate. Counts the value bytes, which the table's MiB/s column reports.
 */
final class DeliveryProducer implements AutoCloseable {

    private final String topic;
    private final WebhookDeliveries deliveries;
    private final Serializer<WebhookDelivery> serializer = BenchKafka.serdes().serializer();
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private long bytes;

    DeliveryProducer(String bootstrap, String topic, WebhookDeliveries deliveries, int lingerMs) {
        this.topic = topic;
        this.deliveries = deliveries;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, lingerMs,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    void send(long seq) {
        WebhookDelivery delivery = deliveries.delivery(seq, Instant.now());
        byte[] value = serializer.serialize(topic, delivery);
        bytes += value.length;
        producer.send(new ProducerRecord<>(topic, WebhookDeliveries.account(seq).getBytes(StandardCharsets.UTF_8),
                value), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
    }

    /** Sends seq {@code from} (inclusive) to {@code to} (exclusive) as fast as possible and waits for the acks. */
    void fill(long from, long to) {
        for (long seq = from; seq < to && failure.get() == null; seq++) {
            send(seq);
        }
        flush();
    }

    void flush() {
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("writing webhook deliveries to " + topic + " failed", failure.get());
        }
    }

    long bytes() {
        return bytes;
    }

    @Override
    public void close() {
        producer.close();
    }
}
