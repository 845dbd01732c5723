package io.igrelay.dispatcher.webhooks.state;

import io.igrelay.dispatcher.webhooks.delivery.AttemptRecord;
import io.igrelay.dispatcher.webhooks.delivery.DeliveredSet;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/*
 * The dispatcher's index of hub.webhook.log: which events each webhook already received (the DeliveredSet that
 * prevents second deliveries after a restart) and where each logged attempt's event sits on the queue, so a manual
 * retry or a replay by log filter re-sends that exact record; and which positions each retry/replay job already
 * delivered, so a job interrupted by a restart resumes without re-sending those.
 */
public final class AttemptIndex {

    /** The queue position of a logged attempt. */
    public record Position(String webhookId, String applicationId, int partition, long offset, Instant sendAt,
            boolean success) {
    }

    /** Jobs remembered at most (the newest kept); a job's entry holds the positions it delivered. */
    private static final int MAX_JOBS = 10_000;

    private final Map<String, Position> byLogId = new ConcurrentHashMap<>();
    private final Map<String, Set<Long>> deliveredByJob = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<Long>> eldest) {
            return size() > MAX_JOBS;
        }
    };
    private final DeliveredSet delivered;

    public AttemptIndex(DeliveredSet delivered) {
        this.delivered = delivered;
    }

    public void apply(AttemptRecord record) {
        if (record.success()) {
            delivered.add(record.webhookId(), record.eventId());
            if (record.jobId().isPresent() && record.queuePartition() >= 0) {
                synchronized (deliveredByJob) {
                    deliveredByJob.computeIfAbsent(record.jobId().get(), k -> new HashSet<>())
                            .add(key(record.queuePartition(), record.queueOffset()));
                }
            }
        }
        if (record.queuePartition() >= 0) {
            byLogId.put(record.id(), new Position(record.webhookId(), record.applicationId(),
                    record.queuePartition(), record.queueOffset(), record.sendAt(), record.success()));
        }
    }

    /** The queue positions ({@link #key}) that retry/replay job {@code jobId} delivered with a 2xx. */
    public Set<Long> deliveredBy(String jobId) {
        synchronized (deliveredByJob) {
            return Set.copyOf(deliveredByJob.getOrDefault(jobId, Set.of()));
        }
    }

    /** One number for a queue position (partition in the top bits; offsets stay far below 2^48). */
    public static long key(int partition, long offset) {
        return ((long) partition << 48) | offset;
    }

    public Optional<Position> get(String logId) {
        return Optional.ofNullable(byLogId.get(logId));
    }

    /** Distinct queue positions of a webhook's attempts sent in [from, to] with the given status, queue order. */
    public List<Position> select(String webhookId, Instant from, Instant to, Optional<Boolean> success) {
        return byLogId.values().stream()
                .filter(p -> p.webhookId().equals(webhookId))
                .filter(p -> !p.sendAt().isBefore(from) && !p.sendAt().isAfter(to))
                .filter(p -> success.isEmpty() || success.get() == p.success())
                .map(p -> new Position(p.webhookId(), p.applicationId(), p.partition(), p.offset(), Instant.EPOCH,
                        false))
                .distinct()
                .sorted(Comparator.comparingInt(Position::partition).thenComparingLong(Position::offset))
                .toList();
    }
}
