package io.igrelay.schemas.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.igrelay.avro.DeadLetter;
import io.igrelay.schemas.failure.Backoff;
import io.igrelay.schemas.failure.FailurePolicy;
import io.igrelay.schemas.ops.HealthMonitor;
import io.igrelay.schemas.ops.Probe;
import io.igrelay.schemas.registry.SchemaRegistryException;
import io.igrelay.schemas.serde.MalformedRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/* The one topic follower applies the one failure policy: dead letters for malformed records, never a skip while a
 * dependency is away, bounded retries otherwise; it waits for a topic the broker does not know yet. */
class TopicFollowerTest {

    private static final String TOPIC = "t";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);

    private final ReplayingConsumer consumer = new ReplayingConsumer();
    private final List<String> applied = new CopyOnWriteArrayList<>();
    private final List<DeadLetter> letters = new CopyOnWriteArrayList<>();
    private final HealthMonitor health = new HealthMonitor(Clock.systemUTC(), Duration.ofSeconds(30),
            Duration.ofMinutes(5));
    private final Probe probe = health.register("view-t");
    private final FailurePolicy policy = new FailurePolicy(
            new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), Integer.MAX_VALUE), 3);
    private TopicFollower<String> follower;

    @AfterEach
    void close() {
        if (follower != null) {
            follower.close();
        }
    }

    private TopicFollower<String> follow(Deserializer<String> values) {
        follower = new TopicFollower<>(TOPIC, consumer, values, (record, value) -> applied.add(value),
                new TopicFollower.Options(policy, letters::add, probe, Clock.systemUTC(), Duration.ofMillis(5)));
        return follower;
    }

    private void topicWithRecords(String... values) {
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, Node.noNode(), null, null)));
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        consumer.updateEndOffsets(Map.of(P0, (long) values.length));
        for (int i = 0; i < values.length; i++) {
            consumer.log.add(new ConsumerRecord<>(TOPIC, 0, i, "k" + i, values[i].getBytes(StandardCharsets.UTF_8)));
        }
        consumer.schedulePollTask(() -> consumer.log.forEach(consumer::addRecord));
    }

    /** MockConsumer hands each added record out once; a real consumer reads again from where it seeks to. */
    private static final class ReplayingConsumer extends MockConsumer<String, byte[]> {
        final List<ConsumerRecord<String, byte[]>> log = new CopyOnWriteArrayList<>();

        ReplayingConsumer() {
            super("earliest");
        }

        @Override
        public synchronized void seek(TopicPartition partition, long offset) {
            super.seek(partition, offset);
            log.stream().filter(r -> r.partition() == partition.partition() && r.offset() >= offset)
                    .forEach(this::addRecord);
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void shouldHandRecordsOverInOrderAndCompleteTheFirstCatchUp() {
        topicWithRecords("a", "b", "c");
        follow((topic, bytes) -> text(bytes)).start();

        await().atMost(Duration.ofSeconds(5)).until(() -> follower.started().isDone());
        assertThat(applied).containsExactly("a", "b", "c");
        assertThat(probe.snapshot().state()).isEqualTo(Probe.State.RUNNING);
        assertThat(health.report().ready()).isTrue();
    }

    @Test
    void shouldDeadLetterAMalformedRecordAndGoOn() {
        topicWithRecords("a", "bad", "c");
        follow((topic, bytes) -> {
            if (text(bytes).equals("bad")) {
                throw new MalformedRecordException("not the wire format", topic, -1);
            }
            return text(bytes);
        }).start();

        await().atMost(Duration.ofSeconds(5)).until(() -> follower.started().isDone());
        assertThat(applied).containsExactly("a", "c");
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.getOffset()).isEqualTo(1L);
            assertThat(letter.getTopic()).isEqualTo(TOPIC);
            assertThat(text(letter.getOriginalValue().array())).isEqualTo("bad");
            assertThat(letter.getReason()).contains("not the wire format");
        });
    }

    @Test
    void shouldHoldARecordWhileTheRegistryIsDownAndApplyItWhenItReturns() throws Exception {
        AtomicBoolean registryDown = new AtomicBoolean(true);
        AtomicInteger tries = new AtomicInteger();
        topicWithRecords("a", "b");
        follow((topic, bytes) -> {
            if (text(bytes).equals("b") && registryDown.get()) {
                tries.incrementAndGet();
                throw new SchemaRegistryException("registry unreachable", 0, 0);
            }
            return text(bytes);
        }).start();

        await().atMost(Duration.ofSeconds(5)).until(() -> tries.get() > 10);
        assertThat(applied).containsExactly("a");
        assertThat(letters).isEmpty();
        assertThat(probe.snapshot().state()).isEqualTo(Probe.State.WAITING);
        assertThat(health.report().ready()).isFalse();
        assertThat(health.report().live()).isTrue();

        registryDown.set(false);
        await().atMost(Duration.ofSeconds(5)).until(() -> follower.started().isDone());
        assertThat(applied).containsExactly("a", "b");
        assertThat(letters).isEmpty();
        assertThat(health.report().ready()).isTrue();
    }

    @Test
    void shouldDeadLetterARecordThatKeepsFailingAfterTheBoundedAttempts() {
        AtomicInteger tries = new AtomicInteger();
        topicWithRecords("a", "boom", "c");
        follow((topic, bytes) -> {
            if (text(bytes).equals("boom")) {
                tries.incrementAndGet();
                throw new IllegalStateException("bug");
            }
            return text(bytes);
        }).start();

        await().atMost(Duration.ofSeconds(5)).until(() -> follower.started().isDone());
        assertThat(tries).hasValue(3);
        assertThat(applied).containsExactly("a", "c");
        assertThat(letters).singleElement().satisfies(letter ->
                assertThat(letter.getReason()).contains("IllegalStateException").contains("after 3 attempts"));
    }

    @Test
    void shouldWaitForATopicTheBrokerDoesNotKnowYet() {
        follow((topic, bytes) -> text(bytes)).start();

        await().atMost(Duration.ofSeconds(5)).until(() -> probe.snapshot().state() == Probe.State.WAITING);
        assertThat(follower.started()).isNotDone();

        topicWithRecords("a");
        await().atMost(Duration.ofSeconds(5)).until(() -> follower.started().isDone());
        assertThat(applied).containsExactly("a");
    }
}
