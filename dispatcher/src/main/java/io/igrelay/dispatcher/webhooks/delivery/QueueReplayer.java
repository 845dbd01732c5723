package io.igrelay.dispatcher.webhooks.delivery;

import io.igrelay.dispatcher.webhooks.envelope.QueuedEvent;
import io.vertx.core.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Re-reads hub.webhook.queue for manual retries, replays and the catch-up after a webhook is enabled again (issue 8,
 * points 7-8): the records are the very ones first delivered, so eventId and sequence do not change. Jobs run one
 * after the other on their own thread with a group-less consumer, and hand events to the engine in queue order.
 */
public final class QueueReplayer implements CommandLoop.Resender, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueueReplayer.class);

    private final Supplier<KafkaConsumer<String, byte[]>> consumers;
    private final String topic;
    private final DeliveryEngine engine;
    private final Context context;
    private final ExecutorService jobs = Executors.newSingleThreadExecutor(r -> new Thread(r, "webhook-replay"));
    private volatile boolean closing;

    public QueueReplayer(Supplier<KafkaConsumer<String, byte[]>> consumers, String topic, DeliveryEngine engine,
            Context context) {
        this.consumers = consumers;
        this.topic = topic;
        this.engine = engine;
        this.context = context;
    }

    /**
     * Re-sends the records at these positions (partition to offsets) to one webhook for job {@code jobId},
     * reporting the job's progress; a position the queue no longer holds (past its retention) is skipped, so
     * `queued` can stay below `matched`. A job cut short by close() reports nothing more: its command is read again
     * after the restart and the job resumes.
     */
    @Override
    public void positions(String webhookId, Map<Integer, TreeSet<Long>> wanted, String jobId,
            JobProgress progress) {
        jobs.submit(() -> {
            progress.started(wanted.values().stream().mapToInt(Set::size).sum());
            try (KafkaConsumer<String, byte[]> consumer = consumers.get()) {
                for (var entry : wanted.entrySet()) {
                    TopicPartition tp = new TopicPartition(topic, entry.getKey());
                    consumer.assign(List.of(tp));
                    consumer.seek(tp, entry.getValue().first());
                    long last = entry.getValue().last();
                    long end = consumer.endOffsets(Set.of(tp)).get(tp);
                    while (consumer.position(tp) <= last && consumer.position(tp) < end) {
                        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                            if (entry.getValue().contains(r.offset())) {
                                progress.queued();
                                QueuedEvent event = QueuedEvent.fromBytes(r.value());
                                int partition = r.partition();
                                long offset = r.offset();
                                context.runOnContext(v -> engine.resend(webhookId, event, partition, offset, jobId,
                                        progress));
                            }
                        }
                    }
                }
                progress.finished(Optional.empty());
            } catch (RuntimeException e) {
                if (closing) {
                    LOG.info("webhook job {} stopped by shutdown; it resumes after the restart", jobId);
                    return;
                }
                LOG.error("webhook retry job for {} failed: {}", webhookId, e.toString());
                progress.finished(Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        });
    }

    /**
     * Re-sends every queued record from {@code from} on that the webhook wants (catch-up after re-enable), then
     * tells the engine it caught up, which releases the live events held meanwhile.
     */
    public void since(String webhookId, Instant from, Predicate<QueuedEvent> wants) {
        jobs.submit(() -> {
            try {
                catchUp(webhookId, from, wants);
            } finally {
                context.runOnContext(v -> engine.caughtUp(webhookId));
            }
        });
    }

    private void catchUp(String webhookId, Instant from, Predicate<QueuedEvent> wants) {
        try (KafkaConsumer<String, byte[]> consumer = consumers.get()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(p -> times.put(p, from.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            for (TopicPartition p : partitions) {
                OffsetAndTimestamp start = starts.get(p);
                consumer.seek(p, start == null ? end.get(p) : start.offset());
            }
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        QueuedEvent event = QueuedEvent.fromBytes(r.value());
                        if (wants.test(event)) {
                            int partition = r.partition();
                            long offset = r.offset();
                            // a catch-up skips what the webhook already has
                            context.runOnContext(v -> engine.resend(webhookId, event, partition, offset, true));
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.error("webhook catch-up for {} failed: {}", webhookId, e.toString());
        }
    }

    @Override
    public void close() {
        closing = true;
        jobs.shutdownNow();
    }
}
