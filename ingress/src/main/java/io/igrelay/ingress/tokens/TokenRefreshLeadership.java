package io.igrelay.ingress.tokens;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "One leader at a time" for token upkeep (SPEC 8) without a lock service: every replica joins one consumer group on
 * ig.channels and leads exactly the channels whose partition it is assigned (default partitioner: murmur2 of the
 * UUID key). Kafka's group protocol guarantees each partition one owner; the consumer stays paused, it reads nothing.
 */
public final class TokenRefreshLeadership implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TokenRefreshLeadership.class);

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private volatile int partitions;
    private volatile boolean running = true;
    private Thread thread;

    public TokenRefreshLeadership(String topic, Properties consumerProps, String groupId) {
        Properties props = new Properties();
        props.putAll(consumerProps);
        props.put("group.id", groupId);
        props.put("enable.auto.commit", "false");
        props.put("auto.offset.reset", "latest");
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    public void start() {
        thread = new Thread(this::run, "token-refresh-leadership");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether this replica currently leads the upkeep of {@code channelId}. */
    public boolean owns(String channelId) {
        int count = partitions;
        return count > 0 && owned.contains(partitionOf(channelId, count));
    }

    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private void run() {
        try {
            partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).size();
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
                    revoked.forEach(tp -> owned.remove(tp.partition()));
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
                    assigned.forEach(tp -> owned.add(tp.partition()));
                    consumer.pause(assigned);
                    LOG.info("token upkeep leads {} of {} ig.channels partitions", owned.size(), partitions);
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> lost) {
                    lost.forEach(tp -> owned.remove(tp.partition()));
                }
            });
            while (running) {
                consumer.poll(Duration.ofMillis(500));
            }
        } catch (WakeupException stopping) {
            // close() woke the poll
        } catch (RuntimeException e) {
            LOG.error("token upkeep leadership stopped: {}", e.toString());
        } finally {
            owned.clear();
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
