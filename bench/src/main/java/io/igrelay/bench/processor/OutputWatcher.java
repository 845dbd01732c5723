package io.igrelay.bench.processor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a pipeline's output topic from the start with read_committed (so a transactional pipeline's records count
 * only once committed, as a downstream reader sees them), on its own thread: counts records, notes when each count
 * was reached, and hands every record to an optional callback (the latency row).
 */
final class OutputWatcher implements AutoCloseable {

    private record Mark(long count, long nanos) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Consumer<ConsumerRecord<byte[], byte[]>> onRecord;
    private final List<Mark> marks = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long count;

    OutputWatcher(String bootstrap, String topic, Consumer<ConsumerRecord<byte[], byte[]>> onRecord) {
        this.onRecord = onRecord;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::loop, "bench-output-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (running) {
                var records = consumer.poll(Duration.ofMillis(20));
                if (records.isEmpty()) {
                    continue;
                }
                long now = System.nanoTime();
                for (var record : records) {
                    onRecord.accept(record);
                }
                synchronized (marks) {
                    count += records.count();
                    marks.add(new Mark(count, now));
                }
            }
        } catch (Throwable e) {
            failure.set(e);
        }
    }

    long count() {
        return count;
    }

    /** Blocks until {@code n} records were read; returns the nanoTime of the poll that reached it. */
    long awaitCount(long n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            synchronized (marks) {
                for (Mark mark : marks) {
                    if (mark.count() >= n) {
                        return mark.nanos();
                    }
                }
            }
            if (failure.get() != null) {
                throw new IllegalStateException("reading the output failed: " + failure.get(), failure.get());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + count + " of " + n + " output records within " + timeout);
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
        consumer.close(Duration.ofSeconds(5));
    }
}
