package io.igrelay.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The reading side's reference: a naive loop that polls a partition from the start and counts N records, no
 * group, no processing. The topic is filled first, untimed.
 */
public final class RawConsumerScenario implements Scenario {

    private final int recordSize;


    public RawConsumerScenario(int recordSize) {
        this.recordSize = recordSize;

    }

    public static String nameFor(int recordSize) {
        return "raw consumer " + BenchSizes.label(recordSize);
    }

    @Override
    public String name() {
        return nameFor(recordSize);
    }

    @Override
    public String reference() {
        return name();
    }

    @Override
    public ScenarioResult run(BenchEnvironment environment) throws Exception {
        int recordCount = records(environment);
        String topic = "bench.raw-consumer." + recordSize;
        BenchTopics.create(environment.bootstrapServers(), topic);
        fill(environment.bootstrapServers(), topic, recordCount);
        var partition = new TopicPartition(topic, 0);
        try (var consumer = new KafkaConsumer<byte[], byte[]>(config(environment.bootstrapServers()))) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + environment.measureFor().toNanos() * 6;
            long start = System.nanoTime();
            long count = 0;
            long bytes = 0;
            while (count < recordCount) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("read only " + count + " of " + recordCount + " records");
                }
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    count++;
                    bytes += record.value().length;
                }
            }
            return new ScenarioResult(name(), reference(), count, bytes, Duration.ofNanos(System.nanoTime() - start),
                    Optional.empty());
        }
    }

    private void fill(String bootstrapServers, String topic, int recordCount) {
        byte[][] payloads = BenchTopics.payloads(recordSize);
        try (var producer = new KafkaProducer<byte[], byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            var failure = new AtomicReference<Exception>();
            for (int i = 0; i < recordCount && failure.get() == null; i++) {
                producer.send(new ProducerRecord<>(topic, payloads[i & 255]), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
            if (failure.get() != null) {
                throw new IllegalStateException("filling " + topic + " failed", failure.get());
            }
        }
    }

    /** 50,000 records per configured second (500,000 by default), at least 20,000. */
    static int records(BenchEnvironment environment) {
        return (int) Math.max(20_000, environment.measureFor().toSeconds() * 50_000);
    }

    private static Map<String, Object> config(String bootstrapServers) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    }
}
