package io.igrelay.dispatcher.webhooks.routing;

import io.igrelay.dispatcher.webhooks.envelope.QueuedEvent;
import io.igrelay.schemas.serde.MalformedRecordException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/*
 * Restores the StatusGate at start-up from what an earlier run published: the newest records of hub.webhook.queue,
 * at most as many as the gate remembers (older ones it would forget anyway), never the queue's whole 30 days, so the
 * start-up time does not grow with history. A status the gate no longer knows is at worst published again under its
 * same eventId, which the Application deduplicates.
 */
public final class GateRestore {

    private final Consumer<String, byte[]> consumer;
    private final String queueTopic;
    private final long maxRecords;

    public GateRestore(Consumer<String, byte[]> consumer, String queueTopic, long maxRecords) {
        this.consumer = consumer;
        this.queueTopic = queueTopic;
        this.maxRecords = maxRecords;
    }

    /** Reads the newest records up to the end offsets seen now; returns how many it read. */
    public long into(EventRouter router) {
        List<TopicPartition> partitions = consumer.partitionsFor(queueTopic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(queueTopic, p.partition())).toList();
        if (partitions.isEmpty()) {
            return 0;
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
        Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, Duration.ofSeconds(10));
        long perPartition = Math.max(1, maxRecords / partitions.size());
        for (TopicPartition tp : partitions) {
            consumer.seek(tp, Math.max(starts.get(tp), ends.get(tp) - perPartition));
        }
        long read = 0;
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                    read++;
                    remember(router, record);
                }
            }
        }
        return read;
    }

    private static void remember(EventRouter router, ConsumerRecord<String, byte[]> record) {
        try {
            router.remember(QueuedEvent.fromBytes(record.value()));
        } catch (MalformedRecordException | IllegalArgumentException e) {
            // dead-lettered by the delivery loop, or a status this version does not know: nothing to restore
        }
    }
}
