package io.igrelay.dispatcher.failure;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/*
 * A MockConsumer that behaves like a real one where the dispatcher's loops depend on it: MockConsumer hands each
 * added record out once, a real consumer reads again from wherever it seeks to (a held record is read again).
 */
public final class ReplayingConsumer extends MockConsumer<String, byte[]> {

    private final List<ConsumerRecord<String, byte[]>> log = new CopyOnWriteArrayList<>();
    private final TopicPartition partition;

    /** A consumer of partition 0 of {@code topic}. */
    public ReplayingConsumer(String topic) {
        super("earliest");
        this.partition = new TopicPartition(topic, 0);
    }

    /** Appends a record with this text as its value. */
    public void append(String value) {
        log.add(new ConsumerRecord<>(partition.topic(), 0, log.size(), "key", value.getBytes(StandardCharsets.UTF_8)));
    }

    /** Once the loop subscribed: assigns the partition (the loop's rebalance listener hears it) and feeds the log. */
    public void assignOnFirstPoll() {
        schedulePollTask(() -> {
            rebalance(List.of(partition));
            updateBeginningOffsets(Map.of(partition, 0L));
            log.forEach(this::addRecord);
        });
    }

    /** The committed offset of the partition (0 when nothing was committed). */
    public long committedOffset() {
        OffsetAndMetadata at = committed(Set.of(partition)).get(partition);
        return at == null ? 0 : at.offset();
    }

    @Override
    public synchronized void seek(TopicPartition tp, long offset) {
        super.seek(tp, offset);
        log.stream().filter(r -> r.partition() == tp.partition() && r.offset() >= offset).forEach(this::addRecord);
    }
}
