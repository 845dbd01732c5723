package io.igrelay.bench;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The broker's own limit, which every producing row is quoted against: a plain producer as
 * {@code kafka-producer-perf-test} runs it (acks=all, linger 5 ms, 64 KiB batches, one partition), sending as fast
 * as the producer lets it for a fixed time, with the ack latency of every record.
 */
public final class RawProducerScenario implements Scenario {

    private final int recordSize;

    public RawProducerScenario(int recordSize) {
        this.recordSize = recordSize;
    }

    public static String nameFor(int recordSize) {
        return "raw producer " + BenchSizes.label(recordSize);
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
        String topic = "bench.raw-producer." + recordSize;
        BenchTopics.create(environment.bootstrapServers(), topic);
        byte[][] payloads = BenchTopics.payloads(recordSize);
        try (var producer = new KafkaProducer<byte[], byte[]>(config(environment.bootstrapServers()))) {
            send(producer, topic, payloads, environment.warmUpFor(), new LatencyRecorder());
            var latencies = new LatencyRecorder();
            long start = System.nanoTime();
            long sent = send(producer, topic, payloads, environment.measureFor(), latencies);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return new ScenarioResult(name(), reference(), sent, sent * recordSize, elapsed,
                    Optional.of(latencies.summary()));
        }
    }

    /**
     * The raw producer's records/s right now, measured as this row measures it (same settings, payloads and
     * per-record callback: {@code warmUp}, then {@code measure}) on a new topic of its own; for rows that need a
     * reading of their own just before they run.
     */
    public static double measureRate(String bootstrapServers, int recordSize, Duration warmUp, Duration measure)
            throws Exception {
        String topic = "bench.raw-calibration." + recordSize + "." + Long.toHexString(System.nanoTime());
        BenchTopics.create(bootstrapServers, topic);
        byte[][] payloads = BenchTopics.payloads(recordSize);
        try (var producer = new KafkaProducer<byte[], byte[]>(config(bootstrapServers))) {
            send(producer, topic, payloads, warmUp, new LatencyRecorder());
            long start = System.nanoTime();
            long sent = send(producer, topic, payloads, measure, new LatencyRecorder());
            return sent / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Sends for the given time, then waits for every ack; fails on the first send error. */
    private static long send(KafkaProducer<byte[], byte[]> producer, String topic, byte[][] payloads,
                             Duration duration, LatencyRecorder latencies) {
        var failure = new AtomicReference<Exception>();
        long end = System.nanoTime() + duration.toNanos();
        long sent = 0;
        while (System.nanoTime() < end && failure.get() == null) {
            long sentAt = System.nanoTime();
            producer.send(new ProducerRecord<>(topic, payloads[(int) (sent & 255)]), (metadata, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                } else {
                    latencies.record(System.nanoTime() - sentAt);
                }
            });
            sent++;
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("a send failed: " + failure.get().getMessage(), failure.get());
        }
        return sent;
    }

    private static Map<String, Object> config(String bootstrapServers) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    }
}
