package io.igrelay.dispatcher.failure;

import io.igrelay.avro.DeadLetter;
import io.igrelay.schemas.failure.DeadLetters;
import io.igrelay.schemas.failure.FailureKind;
import io.igrelay.schemas.failure.FailurePolicy;
import io.igrelay.schemas.ops.Probe;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Applies the hub's one FailurePolicy to the records of a dispatcher loop (webhook router, delivery, commands): a
 * record whose step throws is dead-lettered at once when malformed, held and tried again after a backoff while a
 * dependency is away (the probe says WAITING; never skipped), and dead-lettered after the policy's bounded attempts
 * otherwise. A held record rewinds the consumer to it and to the first unhandled record of every later partition of
 * the poll, so nothing after it is lost and the loop's commit never passes it.
 */
public final class RecordGuard {

    private static final Logger LOG = LoggerFactory.getLogger(RecordGuard.class);

    /** The work a loop does with one record. */
    @FunctionalInterface
    public interface Step {
        void handle(ConsumerRecord<String, byte[]> record);
    }

    /** Writes a dead letter and returns once it is on the broker, or throws. */
    @FunctionalInterface
    public interface Letters {
        void write(DeadLetter letter);
    }

    private record Failing(TopicPartition partition, long offset, int attempts) {
    }

    private final FailurePolicy policy;
    private final Letters letters;
    private final Probe probe;
    private final Clock clock;
    private Failing failing;

    public RecordGuard(FailurePolicy policy, Letters letters, Probe probe, Clock clock) {
        this.policy = policy;
        this.letters = letters;
        this.probe = probe;
        this.clock = clock;
    }

    /** Runs the step; empty when the record is done with (handled or dead-lettered), else how long to hold it. */
    public Optional<Duration> run(ConsumerRecord<String, byte[]> record, Step step) {
        return run(record, step, given -> { });
    }

    /** As {@link #run(ConsumerRecord, Step)}; {@code givenUp} hears of a record that was dead-lettered. */
    public Optional<Duration> run(ConsumerRecord<String, byte[]> record, Step step, Step givenUp) {
        try {
            step.handle(record);
            failing = null;
            return Optional.empty();
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            Optional<Duration> hold = failed(record, e);
            if (hold.isEmpty()) {
                givenUp.handle(record);
            }
            return hold;
        }
    }

    /**
     * Runs the step for every record of the poll in partition order; on a held record, seeks the consumer back to it
     * and to the first record of each later partition of the poll, and returns how long to hold.
     */
    public Optional<Duration> runAll(Consumer<?, ?> consumer, ConsumerRecords<String, byte[]> records, Step step) {
        return runAll(consumer, records, step, given -> { });
    }

    /** As {@link #runAll(Consumer, ConsumerRecords, Step)}; {@code givenUp} hears of each dead-lettered record. */
    public Optional<Duration> runAll(Consumer<?, ?> consumer, ConsumerRecords<String, byte[]> records, Step step,
                                     Step givenUp) {
        List<TopicPartition> partitions = new ArrayList<>(records.partitions());
        for (int i = 0; i < partitions.size(); i++) {
            for (ConsumerRecord<String, byte[]> record : records.records(partitions.get(i))) {
                Optional<Duration> hold = run(record, step, givenUp);
                if (hold.isPresent()) {
                    consumer.seek(partitions.get(i), record.offset());
                    for (TopicPartition later : partitions.subList(i + 1, partitions.size())) {
                        consumer.seek(later, records.records(later).get(0).offset());
                    }
                    return hold;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Duration> failed(ConsumerRecord<String, byte[]> record, RuntimeException error) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        int attempts = failing != null && failing.partition().equals(tp) && failing.offset() == record.offset()
                ? failing.attempts() + 1 : 1;
        failing = new Failing(tp, record.offset(), attempts);
        FailurePolicy.Verdict verdict = policy.decide(error, attempts, ThreadLocalRandom.current());
        if (verdict instanceof FailurePolicy.Retry retry) {
            if (retry.kind() == FailureKind.DEPENDENCY_UNAVAILABLE) {
                probe.waiting(retry.reason());
            } else {
                LOG.warn("record {}-{}@{} failed (attempt {}), trying again: {}", record.topic(), record.partition(),
                        record.offset(), attempts, retry.reason());
            }
            return Optional.of(retry.after());
        }
        LOG.warn("giving up record {}-{}@{} ({}): {}", record.topic(), record.partition(), record.offset(),
                verdict.kind(), verdict.reason());
        try {
            letters.write(DeadLetters.of(record.topic(), record.partition(), record.offset(),
                    record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8), record.value(),
                    verdict.reason(), error, clock.instant()));
        } catch (RuntimeException e) {
            probe.waiting("dead-letter topic: " + e.getMessage());
            return Optional.of(policy.backoff().delay(attempts, ThreadLocalRandom.current()));
        }
        failing = null;
        return Optional.empty();
    }
}
