package io.igrelay.dispatcher.webhooks.delivery;

import io.igrelay.dispatcher.webhooks.envelope.QueuedEvent;
import io.igrelay.schemas.serde.MalformedRecordException;
import io.vertx.core.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * Re-reads hub.webhook.queue for manual retries, replays and the catch-up after a webhook is enabled again: the
 * records are the very ones first delivered, so eventId and sequence do not change. Jobs run one
 * after the other on their own thread with a group-less consumer, and hand events to the engine in queue order.
 */
public final class QueueReplayer implements CatchUp, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueueReplayer.class);

    private final Supplier<KafkaConsumer<String, byte[]>> consumers;
    private final String topic;
    private final Context context;
    private final ExecutorService jobs = Executors.newSingleThreadExecutor(r -> new Thread(r, "webhook-replay"));
    private volatile boolean closing;

    /** {@code context}: the engine's context, where every re-sent event is handed over. */
    public QueueReplayer(Supplier<KafkaConsumer<String, byte[]>> consumers, String topic, Context context) {
        this.consumers = consumers;
        this.topic = topic;
        this.context = context;
    }

    /** The job side's view: re-sends queue positions into {@code engine}. */
    public JobStarter.Resender resender(DeliveryEngine engine) {
        return (webhookId, targets, jobId, progress) -> positions(engine, webhookId, targets, jobId, progress);
    }

    /**
     * Re-sends the records at these positions (partition to offsets) to one webhook for job {@code jobId},
     * reporting the job's progress; a position the queue no longer holds (past its retention) is skipped, so
     * `queued` can stay below `matched`. A job cut short by close() reports nothing more: its command is read again
     * after the restart and the job resumes.
     */
    private void positions(DeliveryEngine engine, String webhookId, JobTargets targets, String jobId,
            JobProgress progress) {
        jobs.submit(() -> {
            progress.started(targets.size());
            try (targets; KafkaConsumer<String, byte[]> consumer = consumers.get()) {
                for (int partition : targets.partitions()) {
                    TopicPartition tp = new TopicPartition(topic, partition);
                    consumer.assign(List.of(tp));
                    consumer.seek(tp, targets.first(partition));
                    long last = targets.last(partition);
                    long end = consumer.endOffsets(Set.of(tp)).get(tp);
                    while (consumer.position(tp) <= last && consumer.position(tp) < end) {
                        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                            Optional<QueuedEvent> read = targets.contains(partition, r.offset()) ? read(r)
                                    : Optional.empty();
                            if (read.isPresent()) {
                                progress.queued();
                                QueuedEvent event = read.get();
                                long offset = r.offset();
                                context.runOnContext(v -> engine.resend(webhookId, event, tp.partition(), offset,
                                        jobId, progress));
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
    @Override
    public void since(WebhookTarget target, Instant from, DeliveryEngine engine) {
        String webhookId = target.webhookId();
        Predicate<QueuedEvent> wants = e -> target.wants(e.applicationId(), e.eventType(), e.channelId(), e.status());
        jobs.submit(() -> {
            try {
                catchUp(engine, webhookId, from, wants);
            } finally {
                context.runOnContext(v -> engine.caughtUp(webhookId));
            }
        });
    }

    private void catchUp(DeliveryEngine engine, String webhookId, Instant from, Predicate<QueuedEvent> wants) {
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
                        QueuedEvent event = read(r).orElse(null);
                        if (event != null && wants.test(event)) {
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

    /** A queue record, or empty for one that is not (the live delivery dead-lettered it already). */
    private static Optional<QueuedEvent> read(ConsumerRecord<String, byte[]> record) {
        try {
            return Optional.of(QueuedEvent.fromBytes(record.value()));
        } catch (MalformedRecordException e) {
            LOG.warn("replay skips queue record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        closing = true;
        jobs.shutdownNow();
    }
}
