package io.igrelay.dispatcher.ops;

import io.igrelay.schemas.ops.Probe;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Consumer lag per dispatcher loop, as an operator alerts on it: for each consumer group, the records on its input
 * topics (up to the last committed transaction) that the group has not committed yet, read with the admin client
 * every interval and exposed as igrelay_dispatcher_consumer_lag{loop}. A loop whose lag cannot be measured where it
 * works (the Send API's parallel consumer) also gets it on its Probe, so health sees it stuck. The inputs are written
 * in transactions, so a group that handled everything commits the offset of the last commit marker, one short of the
 * end: a small gap is read through (read_committed, no group) and counts only if a record is really there, or an idle
 * dispatcher would report itself stuck after every send.
 */
public final class GroupLag implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupLag.class);

    /** One loop: its consumer group, its input topics, and optionally the probe that should see its lag. */
    public record Loop(String name, String groupId, List<String> topics, Optional<Probe> probe) {
    }

    /** Gaps up to this many offsets are read through; a larger one is taken as records waiting. */
    private static final long READ_THROUGH_BELOW = 100;
    private static final Duration READ_THROUGH_BOUND = Duration.ofSeconds(2);

    private final Admin admin;
    private final Consumer<byte[], byte[]> reader;
    private final List<Loop> loops;
    private final Map<String, Long> lags = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "consumer-lag");
        thread.setDaemon(true);
        return thread;
    });

    /** {@code reader}: a read_committed consumer without a group, used on the measuring thread only. */
    public GroupLag(Admin admin, Consumer<byte[], byte[]> reader, List<Loop> loops, MeterRegistry registry,
                    Duration interval) {
        this.admin = admin;
        this.reader = reader;
        this.loops = loops;
        for (Loop loop : loops) {
            lags.put(loop.name(), -1L);
            Gauge.builder("igrelay.dispatcher.consumer.lag", lags, l -> l.get(loop.name()))
                    .description("records of the loop's inputs its group has not committed (-1: unknown)")
                    .tag("loop", loop.name()).register(registry);
        }
        timer.scheduleWithFixedDelay(this::measure, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void measure() {
        for (Loop loop : loops) {
            try {
                long lag = lag(loop);
                lags.put(loop.name(), lag);
                loop.probe().ifPresent(p -> p.observedLag(lag));
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return;
                }
                LOG.debug("lag of {} not measured: {}", loop.name(), e.toString());
            }
        }
    }

    private long lag(Loop loop) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(loop.groupId())
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        admin.describeTopics(loop.topics()).allTopicNames().get(10, TimeUnit.SECONDS).forEach((topic, description) ->
                description.partitions().forEach(p -> {
                    TopicPartition tp = new TopicPartition(topic, p.partition());
                    latest.put(tp, OffsetSpec.latest());
                    earliest.put(tp, OffsetSpec.earliest());
                }));
        ListOffsetsOptions committedOnly = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
        var ends = admin.listOffsets(latest, committedOnly).all().get(10, TimeUnit.SECONDS);
        var starts = admin.listOffsets(earliest, committedOnly).all().get(10, TimeUnit.SECONDS);
        long total = 0;
        for (TopicPartition tp : latest.keySet()) {
            OffsetAndMetadata at = committed.get(tp);
            long from = at == null ? starts.get(tp).offset() : at.offset();
            long gap = Math.max(0, ends.get(tp).offset() - from);
            total += gap == 0 || gap > READ_THROUGH_BELOW ? gap : recordsIn(tp, from, ends.get(tp).offset());
        }
        return total;
    }

    /** The gap if a record (not a commit marker, not an aborted record) lies in [from, end); else 0. */
    private long recordsIn(TopicPartition tp, long from, long end) {
        reader.assign(List.of(tp));
        reader.seek(tp, from);
        long deadline = System.nanoTime() + READ_THROUGH_BOUND.toNanos();
        while (reader.position(tp) < end && System.nanoTime() < deadline) {
            if (!reader.poll(Duration.ofMillis(100)).isEmpty()) {
                return end - from;
            }
        }
        return reader.position(tp) >= end ? 0 : end - from;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reader.close();
    }
}
