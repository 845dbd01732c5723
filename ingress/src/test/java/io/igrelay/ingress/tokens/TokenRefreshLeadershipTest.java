package io.igrelay.ingress.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.igrelay.ingress.ops.IngressReadiness;
import io.igrelay.schemas.ops.HealthMonitor;
import io.igrelay.schemas.ops.Probe;
import io.igrelay.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The leadership thread's health over Kafka's MockConsumer: running, dead, stuck and waiting, as readiness sees it. */
class TokenRefreshLeadershipTest {

    private static final String TOPIC = "ig.channels";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final HealthMonitor health = HealthMonitor.standard(clock);
    private final SlowMockConsumer consumer = new SlowMockConsumer();
    private final TokenRefreshLeadership leadership = new TokenRefreshLeadership(TOPIC, consumer).reportInto(health);

    /** MockConsumer's poll returns at once; this one waits a little, as a real poll does, so the loop does not spin. */
    private static final class SlowMockConsumer extends MockConsumer<byte[], byte[]> {
        SlowMockConsumer() {
            super("latest");
        }

        @Override
        public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.poll(timeout);
        }
    }

    @AfterEach
    void close() {
        leadership.close();
    }

    private void twoPartitions() {
        consumer.updatePartitions(TOPIC, List.of(partition(0), partition(1)));
        consumer.updateEndOffsets(Map.of(new TopicPartition(TOPIC, 0), 0L, new TopicPartition(TOPIC, 1), 0L));
    }

    private static PartitionInfo partition(int number) {
        return new PartitionInfo(TOPIC, number, Node.noNode(), new Node[0], new Node[0]);
    }

    private Probe.State state() {
        return health.probes().get(0).snapshot().state();
    }

    private IngressReadiness readiness() {
        return IngressReadiness.of(true, health.report(), true);
    }

    private static String channelOn(int partition) {
        for (int i = 0; ; i++) {
            String id = "6f1c1c1e-0000-4000-8000-" + String.format("%012d", i);
            if (TokenRefreshLeadership.partitionOf(id, 2) == partition) {
                return id;
            }
        }
    }

    @Test
    void shouldBeReadyAndLeadTheAssignedPartitionsOnceInTheGroup() {
        twoPartitions();
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(new TopicPartition(TOPIC, 0))));

        leadership.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> leadership.owns(channelOn(0)));
        assertThat(leadership.owns(channelOn(1))).isFalse();
        assertThat(readiness().status()).isEqualTo("UP");
    }

    @Test
    void shouldTurnReadinessDownWhenTheThreadDiesAndLivenessAfterTheLongerBound() {
        twoPartitions();
        leadership.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> state() == Probe.State.RUNNING);

        consumer.setPollException(new KafkaException("the group coordinator fenced this member"));
        await().atMost(Duration.ofSeconds(10)).until(() -> state() == Probe.State.FAILED);

        assertThat(readiness().status()).isEqualTo("DOWN");
        assertThat(readiness().down()).containsExactly("token-refresh-leadership FAILED: KafkaException: the group "
                + "coordinator fenced this member");
        assertThat(health.report().live()).isTrue();
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(health.report().live()).isFalse();
    }

    @Test
    void shouldTurnReadinessDownWhenThePollStopsTurning() throws Exception {
        twoPartitions();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        leadership.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> state() == Probe.State.RUNNING);
        consumer.schedulePollTask(() -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        entered.await();

        clock.advance(Duration.ofSeconds(31));

        assertThat(readiness().down()).containsExactly("token-refresh-leadership STUCK");
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> readiness().status().equals("UP"));
    }

    @Test
    void shouldWaitWhileTheTopicHasNoMetadataAndRunOnceItHas() {
        leadership.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> state() == Probe.State.WAITING);
        assertThat(readiness().status()).as("waiting: the spool still takes deliveries").isEqualTo("DEGRADED");
        assertThat(readiness().down()).singleElement().asString()
                .startsWith("token-refresh-leadership WAITING: kafka: no metadata for ig.channels");

        twoPartitions();
        await().atMost(Duration.ofSeconds(10)).until(() -> state() == Probe.State.RUNNING);
    }
}
