package io.igrelay.dispatcher.webhooks.delivery;

import io.igrelay.dispatcher.failure.LoopLife;
import io.igrelay.dispatcher.failure.RecordGuard;
import io.igrelay.dispatcher.webhooks.envelope.QueuedEvent;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/*
 * Feeds hub.webhook.queue into the DeliveryEngine: one poll thread hands records to the engine's context, and
 * commits what the engine reports as finished (never auto-commit: a record is done only when every webhook has it
 * or let it go). When too many records are unfinished it pauses its partitions (back-pressure), so memory stays
 * bounded however slow the endpoints are. A record that is not a queue event is dead-lettered (FailurePolicy) and
 * its offset committed; the loop's life is reported to its probe.
 */
public final class DeliveryLoop implements AutoCloseable {

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final DeliveryEngine engine;
    private final Context context;
    private final int maxUnfinished;
    private final Map<Integer, Long> committable = new ConcurrentHashMap<>();
    private final Set<Integer> assigned = ConcurrentHashMap.newKeySet();
    private final AtomicInteger unfinished = new AtomicInteger();
    private final ChangedCommits commits;
    private final RecordGuard guard;
    private final LoopLife life;
    private final Thread thread;
    private long timerId = -1;

    public DeliveryLoop(Consumer<String, byte[]> consumer, String topic, DeliveryEngine engine,
            Context context, int maxUnfinished, RecordGuard guard, LoopLife life) {
        this.guard = guard;
        this.life = life;
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
                    Map<TopicPartition, Long> ends = endOffsets(partitions);
                    ends.forEach((p, end) -> context.runOnContext(v -> engine.assigned(p.partition(), end)));
                }
            });
            life.run(this::turn);
        } finally {
            commit();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void turn() {
        if (unfinished.get() > maxUnfinished) {
            consumer.pause(consumer.assignment());
        } else {
            consumer.resume(consumer.paused());
        }
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
        Optional<Duration> hold = guard.runAll(consumer, records, this::accept,
                r -> context.runOnContext(v -> engine.skip(r.partition(), r.offset())));
        hold.ifPresent(life::pause);
        commit();
        if (hold.isEmpty()) {
            life.turnDone(LoopLife.lag(consumer), !records.isEmpty());
        }
    }

    /** The partitions' ends (read_committed) now; none if the broker does not tell, so every record is checked. */
    private Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        try {
            return consumer.endOffsets(partitions, Duration.ofSeconds(10));
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        QueuedEvent event = QueuedEvent.fromBytes(record.value());
        int partition = record.partition();
        long offset = record.offset();
        unfinished.incrementAndGet();
        context.runOnContext(v -> engine.accept(event, partition, offset));
    }

    private void commit() {
        commits.commit(consumer, committable);
    }

    @Override
    public void close() {
        life.stop();
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
