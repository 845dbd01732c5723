package io.igrelay.dispatcher.webhooks.delivery;

import io.igrelay.dispatcher.webhooks.envelope.QueuedEvent;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Feeds hub.webhook.queue into the DeliveryEngine: one poll thread hands records to the engine's context, and
 * commits what the engine reports as finished (never auto-commit: a record is done only when every webhook has it
 * or let it go). When too many records are unfinished it pauses its partitions (back-pressure), so memory stays
 * bounded however slow the endpoints are.
 */
public final class DeliveryLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLoop.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final DeliveryEngine engine;
    private final Context context;
    private final int maxUnfinished;
    private final Map<Integer, Long> committable = new ConcurrentHashMap<>();
    private final Set<Integer> assigned = ConcurrentHashMap.newKeySet();
    private final AtomicInteger unfinished = new AtomicInteger();
    private final ChangedCommits commits;
    private final Thread thread;
    private volatile boolean running = true;
    private long timerId = -1;

    public DeliveryLoop(KafkaConsumer<String, byte[]> consumer, String topic, DeliveryEngine engine,
            Context context, int maxUnfinished) {
        this.consumer = consumer;
        this.topic = topic;
        this.engine = engine;
        this.context = context;
        this.maxUnfinished = maxUnfinished;
        this.commits = new ChangedCommits(topic, "webhook queue");
        this.thread = new Thread(this::run, "webhook-delivery");
    }

    public DeliveryLoop start() {
        context.runOnContext(v -> timerId = context.owner().setPeriodic(100, id -> snapshot()));
        thread.start();
        return this;
    }

    /** On the engine context: what may be committed, and how much is open. */
    private void snapshot() {
        for (Integer partition : assigned) {
            OptionalLong offset = engine.committable(partition);
            if (offset.isPresent()) {
                committable.put(partition, offset.getAsLong());
            }
        }
        unfinished.set(engine.pendingRecords());
    }

    private void run() {
        try {
            consumer.subscribe(Set.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    commit();
                    partitions.forEach(p -> {
                        assigned.remove(p.partition());
                        commits.forget(p.partition());
                        committable.remove(p.partition());
                        context.runOnContext(v -> engine.forgetPartition(p.partition()));
                    });
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    partitions.forEach(p -> assigned.add(p.partition()));
                }
            });
            while (running) {
                if (unfinished.get() > maxUnfinished) {
                    consumer.pause(consumer.assignment());
                } else {
                    consumer.resume(consumer.paused());
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    QueuedEvent event;
                    try {
                        event = QueuedEvent.fromBytes(record.value());
                    } catch (RuntimeException e) {
                        LOG.warn("skipping undecodable queue record {}-{}@{}", record.topic(), record.partition(),
                                record.offset());
                        continue;
                    }
                    int partition = record.partition();
                    long offset = record.offset();
                    unfinished.incrementAndGet();
                    context.runOnContext(v -> engine.accept(event, partition, offset));
                }
                commit();
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("webhook delivery loop stopped: {}", e.toString());
        } finally {
            commit();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void commit() {
        commits.commit(consumer, committable);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (timerId >= 0) {
            context.owner().cancelTimer(timerId);
        }
    }
}
