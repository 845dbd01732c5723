package io.igrelay.ingress.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.schemas.consume.TopicFollower;
import io.igrelay.schemas.failure.DeadLetterSink;
import io.igrelay.schemas.failure.FailurePolicy;
import io.igrelay.schemas.ops.HealthMonitor;
import io.igrelay.schemas.ops.Probe;
import io.igrelay.testkit.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The ingress's readiness rule over its parts, down to a real follower that stops. */
class IngressReadinessTest {

    private final HealthMonitor health = HealthMonitor.standard(Clock.systemUTC());

    @Test
    void shouldBeUpWhenKafkaAnswersAndEveryPartRuns() {
        health.register("view ig.channels").running();

        assertThat(IngressReadiness.of(true, health.report(), true).status()).isEqualTo("UP");
    }

    @Test
    void shouldStayDegradedNamingKafkaAndTheRegistryWhileTheSpoolTakesDeliveries() {
        health.register("start-up").waiting("schema-registry: SchemaRegistryException: connection refused");
        health.register("view ig.channels");

        IngressReadiness readiness = IngressReadiness.of(false, health.report(), true);

        assertThat(readiness.status()).isEqualTo("DEGRADED");
        assertThat(readiness.down()).first().isEqualTo("kafka");
        assertThat(readiness.down()).anySatisfy(d -> assertThat(d).startsWith("start-up WAITING: schema-registry"));
    }

    @Test
    void shouldBeDownWhileWaitingWhenTheSpoolCannotTakeDeliveries() {
        health.register("start-up").waiting("kafka: no broker");

        assertThat(IngressReadiness.of(false, health.report(), false).status()).isEqualTo("DOWN");
    }

    @Test
    void shouldBeDownWhenAPartDiedEvenIfTheSpoolServes() {
        health.register("view hub.applications").failed(new IllegalStateException("boom"));

        IngressReadiness readiness = IngressReadiness.of(true, health.report(), true);

        assertThat(readiness.status()).isEqualTo("DOWN");
        assertThat(readiness.down()).containsExactly("view hub.applications FAILED: IllegalStateException: boom");
    }

    @Test
    void shouldBeDownWhenAFollowerWithLagMakesNoProgress() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
        HealthMonitor monitor = new HealthMonitor(clock, Duration.ofSeconds(30), Duration.ofMinutes(5));
        Probe probe = monitor.register("view ig.channels");
        probe.running();
        probe.lag(12);
        clock.advance(Duration.ofSeconds(31));
        probe.lag(12); // the loop turns, nothing is handled

        assertThat(IngressReadiness.of(true, monitor.report(), true).down())
                .containsExactly("view ig.channels STUCK");
    }

    @Test
    void shouldTurnDownWhenARealFollowerStops() throws Exception {
        TopicPartition tp = new TopicPartition("ig.channels", 0);
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
        consumer.updatePartitions("ig.channels", List.of(new PartitionInfo("ig.channels", 0, Node.noNode(),
                new Node[0], new Node[0])));
        consumer.updateBeginningOffsets(Map.of(tp, 0L));
        consumer.updateEndOffsets(Map.of(tp, 0L));
        Probe probe = health.register("view ig.channels");
        TopicFollower<byte[]> follower = new TopicFollower<>("ig.channels", consumer, (topic, bytes) -> bytes,
                (record, value) -> {
                    throw new OutOfMemoryError("the view's thread dies");
                },
                new TopicFollower.Options(FailurePolicy.DEFAULT, DeadLetterSink.logOnly(IngressReadinessTest.class), probe,
                        Clock.systemUTC(), Duration.ofMillis(20))).start();
        follower.started().get(5, TimeUnit.SECONDS);
        assertThat(IngressReadiness.of(true, health.report(), true).status()).isEqualTo("UP");

        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>("ig.channels", 0, 0L, "c-1",
                new byte[] {1})));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (probe.snapshot().state() != Probe.State.FAILED && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        IngressReadiness readiness = IngressReadiness.of(true, health.report(), true);
        assertThat(readiness.status()).isEqualTo("DOWN");
        assertThat(readiness.down()).singleElement().asString().startsWith("view ig.channels FAILED");
        follower.close();
    }
}
