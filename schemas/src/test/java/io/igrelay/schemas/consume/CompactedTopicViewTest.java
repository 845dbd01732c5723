package io.igrelay.schemas.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.igrelay.schemas.ops.HealthMonitor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/* The one in-memory view of a compacted topic: a fold per key with a merge rule (dispatcher), or a pass-through to
 * a sink that starts its own consumer and reports into health (ingress). */
class CompactedTopicViewTest {

    private static final String TOPIC = "t";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);

    private final List<String> changes = new ArrayList<>();
    private CompactedTopicView<String> view;

    @AfterEach
    void close() {
        if (view != null) {
            view.close();
        }
    }

    @Test
    void shouldFoldEachKeyWithTheMergeRuleAndRemoveItOnATombstone() {
        view = new CompactedTopicView<String>(TOPIC, (old, latest) -> latest.compareTo(old) > 0 ? latest : old)
                .listen((key, before, after) -> changes.add(key + ":" + before + "->" + after));
        view.apply("k", "b");
        view.apply("k", "a"); // older by the merge rule: kept "b"
        view.apply("k", "c");
        view.apply("other", "x");
        view.apply("k", null);
        assertThat(changes).containsExactly("k:null->b", "k:b->b", "k:b->c", "other:null->x", "k:c->null");
        assertThat(view.get("k")).isEmpty();
        assertThat(view.get("other")).contains("x");
        assertThat(view.size()).isEqualTo(1);
    }

    @Test
    void shouldFoldItsOwnWriteWithoutTellingTheListener() {
        view = new CompactedTopicView<String>(TOPIC, (old, latest) -> latest)
                .listen((key, before, after) -> changes.add(key));
        view.put("k", "mine");
        assertThat(view.get("k")).contains("mine");
        assertThat(changes).isEmpty();
        assertThat(view.started()).isDone(); // never followed: nothing to wait for
    }

    @Test
    void shouldHandEveryRecordToTheSinkKeepNothingAndReportLoadedOnceCaughtUp() {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, Node.noNode(), null, null)));
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        consumer.updateEndOffsets(Map.of(P0, 3L));
        consumer.schedulePollTask(() -> {
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, "a", bytes("1")));
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 1, "b", bytes("2")));
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 2, "a", null));
        });
        List<String> sink = new CopyOnWriteArrayList<>();
        HealthMonitor health = new HealthMonitor(Clock.systemUTC(), Duration.ofSeconds(30), Duration.ofMinutes(5));
        view = CompactedTopicView.<String>reading(TOPIC, () -> consumer,
                (topic, data) -> new String(data, StandardCharsets.UTF_8), (key, value) -> sink.add(key + "=" + value))
                .reportInto(health);
        assertThat(view.loaded()).isFalse();
        assertThat(health.probes()).isEmpty();

        view.start();
        await().atMost(Duration.ofSeconds(5)).until(view::loaded);
        assertThat(sink).containsExactly("a=1", "b=2", "a=null");
        assertThat(view.size()).isZero();
        assertThat(health.probes()).extracting(p -> p.name()).containsExactly("view t");
        assertThat(view.start()).isDone(); // a second start opens nothing new
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
