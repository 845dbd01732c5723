package io.igrelay.dispatcher.failure;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/* The one FailurePolicy applied to a loop's records: each path, and that a held record rewinds the consumer. */
class RecordGuardTest {

    private static final TopicPartition P0 = new TopicPartition("ig.events", 0);
    private static final TopicPartition P1 = new TopicPartition("ig.events", 1);

    private final List<DeadLetter> letters = new ArrayList<>();
    private final HealthMonitor health = HealthMonitor.standard(Clock.systemUTC());
    private final Probe probe = health.register("loop");
    private final FailurePolicy policy = new FailurePolicy(
            new Backoff(Duration.ofMillis(10), Duration.ofMillis(40), Integer.MAX_VALUE), 3);
    private final RecordGuard guard = new RecordGuard(policy, letters::add, probe, Clock.systemUTC());

    private static ConsumerRecord<String, byte[]> record(TopicPartition tp, long offset, String value) {
        return new ConsumerRecord<>(tp.topic(), tp.partition(), offset, "key", value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldDeadLetterAMalformedRecordWithItsBytesAndPlaceAndGoOn() {
        ConsumerRecord<String, byte[]> poison = record(P0, 7, "poison");

        Optional<Duration> hold = guard.run(poison, r -> {
            throw new MalformedRecordException("not the wire format", r.topic(), -1);
        });

        assertThat(hold).isEmpty();
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.getTopic()).isEqualTo("ig.events");
            assertThat(letter.getPartition()).isZero();
            assertThat(letter.getOffset()).isEqualTo(7);
            assertThat(new String(letter.getOriginalValue().array(), StandardCharsets.UTF_8)).isEqualTo("poison");
            assertThat(letter.getReason()).contains("not the wire format");
        });
    }

    @Test
    void shouldHoldARecordWhileTheRegistryIsDownNeverDeadLetteringIt() {
        ConsumerRecord<String, byte[]> record = record(P0, 3, "fine");
        for (int attempt = 0; attempt < 20; attempt++) {
            Optional<Duration> hold = guard.run(record, r -> {
                throw new SerializationException("lookup failed", new SchemaRegistryException("down", 0, 0));
            });
            assertThat(hold).isPresent();
        }
        assertThat(letters).isEmpty();
        assertThat(probe.snapshot().state()).isEqualTo(Probe.State.WAITING);
        assertThat(health.report().ready()).isFalse();
        assertThat(health.report().live()).isTrue();
    }

    @Test
    void shouldDeadLetterARecordThatKeepsFailingAfterTheBoundedAttempts() {
        ConsumerRecord<String, byte[]> record = record(P0, 4, "unlucky");
        List<Optional<Duration>> holds = new ArrayList<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            holds.add(guard.run(record, r -> {
                throw new IllegalStateException("bug");
            }));
        }

        assertThat(holds.subList(0, 2)).allMatch(Optional::isPresent);
        assertThat(holds.get(2)).isEmpty();
        assertThat(letters).singleElement()
                .satisfies(letter -> assertThat(letter.getReason()).contains("after 3 attempts"));
    }

    @Test
    void shouldHoldTheRecordWhenItsDeadLetterCannotBeWritten() {
        RecordGuard noDlq = new RecordGuard(policy, letter -> {
            throw new DeadLetterProducer.DeadLetterNotWritten(new IllegalStateException("broker away"));
        }, probe, Clock.systemUTC());

        Optional<Duration> hold = noDlq.run(record(P0, 1, "poison"), r -> {
            throw new MalformedRecordException("bad", r.topic(), -1);
        });

        assertThat(hold).isPresent();
        assertThat(probe.snapshot().state()).isEqualTo(Probe.State.WAITING);
    }

    @Test
    void shouldRewindToTheHeldRecordAndToEveryLaterPartitionOfThePoll() {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
        consumer.assign(List.of(P0, P1));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.seek(P0, 12);
        consumer.seek(P1, 23);
        ConsumerRecords<String, byte[]> poll = new ConsumerRecords<>(Map.of(
                P0, List.of(record(P0, 10, "a"), record(P0, 11, "held")),
                P1, List.of(record(P1, 20, "b"), record(P1, 21, "c"), record(P1, 22, "d"))), Map.of());
        List<String> handled = new ArrayList<>();

        Optional<Duration> hold = guard.runAll(consumer, poll, r -> {
            String value = new String(r.value(), StandardCharsets.UTF_8);
            if (value.equals("held")) {
                throw new SerializationException("lookup failed", new SchemaRegistryException("down", 503, 0));
            }
            handled.add(value);
        });

        assertThat(hold).isPresent();
        assertThat(consumer.position(P0)).isEqualTo(11);
        assertThat(handled).doesNotContain("held");
        long p1Handled = handled.stream().filter(v -> !v.equals("a")).count();
        assertThat(consumer.position(P1)).isEqualTo(20 + p1Handled);
    }
}
