package io.igrelay.ingress.apps;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds a compacted topic (hub.applications, ig.channels) into memory on its own thread: every partition from the
 * beginning, without a consumer group, so each ingress replica holds the whole view. {@link #start()} completes once
 * the end offsets seen at start were reached. A record that cannot be decoded is logged by topic/partition/offset
 * and skipped; a tombstone reaches the sink as a null value.
 */
public final class CompactedTopicReader<V> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicReader.class);

    private final String topic;
    private final Properties consumerProps;
    private final BiFunction<String, byte[], V> decoder;
    private final BiConsumer<String, V> sink;
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private volatile boolean running = true;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    /** @param decoder (topic, bytes) → value; throws on undecodable bytes */
    public CompactedTopicReader(String topic, Properties consumerProps, BiFunction<String, byte[], V> decoder,
                                BiConsumer<String, V> sink) {
        this.topic = topic;
        this.consumerProps = new Properties();
        this.consumerProps.putAll(consumerProps);
        this.consumerProps.remove("group.id");
        this.decoder = decoder;
        this.sink = sink;
    }

    public synchronized CompletableFuture<Void> start() {
        if (thread == null) {
            consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
            thread = new Thread(this::run, "view-" + topic);
            thread.setDaemon(true);
            thread.start();
        }
        return caughtUp;
    }

    /** The topic's partitions, waiting (bounded) while a just-created topic is not in the metadata yet. */
    private List<TopicPartition> partitions() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topic " + topic + " has no partitions after 60 s: does it exist?");
            }
            Thread.sleep(200);
        }
    }

    private void run() {
        try {
            List<TopicPartition> partitions = partitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record);
                }
                if (!caughtUp.isDone() && ends.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.complete(null);
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the poll
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            caughtUp.completeExceptionally(e);
        } catch (RuntimeException e) {
            LOG.error("view of {} stopped: {}", topic, e.toString());
            caughtUp.completeExceptionally(e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            sink.accept(record.key(), record.value() == null ? null : decoder.apply(record.topic(), record.value()));
        } catch (RuntimeException e) {
            LOG.warn("skipping undecodable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getClass().getSimpleName());
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
