package io.igrelay.ingress.tokens;

import io.igrelay.schemas.failure.FailureClassifier;
import io.igrelay.schemas.ops.HealthMonitor;
import io.igrelay.schemas.ops.Probe;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "One leader at a time" for token upkeep (contract §8) without a lock service: every replica joins one consumer group on
 * ig.channels and leads exactly the channels whose partition it is assigned (default partitioner: murmur2 of the
 * UUID key). Kafka's group protocol guarantees each partition one owner; the consumer stays paused, it reads nothing.
 * Reports into the ingress's health as "token-refresh-leadership": every poll beats; a thread that died is FAILED
 * (readiness DOWN, liveness after the longer bound), one whose poll stopped turning STUCK, one that waits for the
 * topic's metadata WAITING.
 */
public final class TokenRefreshLeadership implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TokenRefreshLeadership.class);

    private final String topic;
    private static final Duration METADATA_WAIT = Duration.ofSeconds(5);

    private final Consumer<byte[], byte[]> consumer;
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private HealthMonitor health = HealthMonitor.standard(Clock.systemUTC());
    private volatile Probe probe;
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

    /** Over a given consumer already in its group (tests hand in Kafka's MockConsumer). */
    TokenRefreshLeadership(String topic, Consumer<byte[], byte[]> consumer) {
        this.topic = topic;
        this.consumer = consumer;
    }

    /** Reports into {@code health} from its start on (call before start; otherwise into a monitor nobody reads). */
    public TokenRefreshLeadership reportInto(HealthMonitor monitor) {
        this.health = monitor;
        return this;
    }

    public void start() {
        probe = health.register("token-refresh-leadership");
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
            partitions = awaitPartitions();
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
            probe.running();
            while (running) {
                consumer.poll(Duration.ofMillis(500));
                probe.beat();
            }
            probe.stopped();
        } catch (WakeupException stopping) {
            probe.stopped(); // close() woke the poll
        } catch (RuntimeException | Error e) {
            LOG.error("token upkeep leadership stopped: {}", e.toString());
            probe.failed(e);
            if (e instanceof Error error) {
                throw error;
            }
        } finally {
            owned.clear();
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** The topic's partition count; waits (beating) while Kafka does not answer or the topic is not there yet. */
    private int awaitPartitions() {
        while (running) {
            try {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_WAIT);
                if (infos != null && !infos.isEmpty()) {
                    return infos.size();
                }
                probe.waiting("kafka: no metadata for " + topic + " yet");
            } catch (RetriableException e) {
                probe.waiting("kafka: " + FailureClassifier.describe(e));
            }
            sleep();
        }
        throw new WakeupException();
    }

    private void sleep() {
        try {
            Thread.sleep(METADATA_WAIT.toMillis() / 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
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
