package io.igrelay.dispatcher.webhooks.delivery;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * The webhook loops' offset commits, on their consumer thread: only partitions whose committable offset moved since
 * the last successful commit are sent, and a failed commit is logged and tried again at the next one (the records
 * after the last commit are read again after a restart, which both loops absorb).
 */
final class ChangedCommits {

    private static final Logger LOG = LoggerFactory.getLogger(ChangedCommits.class);

    private final String topic;
    private final String what;
    private final Map<Integer, Long> committed = new HashMap<>();

    /** @param what names the loop in the failure log line */
    ChangedCommits(String topic, String what) {
        this.topic = topic;
        this.what = what;
    }

    /** Commits the offsets, per partition, that differ from the last ones committed. */
    void commit(Consumer<?, ?> consumer, Map<Integer, Long> committable) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        committable.forEach((partition, offset) -> {
            if (!offset.equals(committed.get(partition))) {
                next.put(new TopicPartition(topic, partition), new OffsetAndMetadata(offset));
            }
        });
        if (next.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(next);
            next.forEach((tp, o) -> committed.put(tp.partition(), o.offset()));
        } catch (RuntimeException e) {
            LOG.warn("{} commit failed: {}", what, e.toString());
        }
    }

    /** A revoked partition: its next owner commits from its own state. */
    void forget(int partition) {
        committed.remove(partition);
    }
}
