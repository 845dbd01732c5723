package io.igrelay.processor.failure;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.DeadLetter;
import io.igrelay.processor.testing.TestFailures;
import io.igrelay.schemas.registry.SchemaRegistryException;
import io.igrelay.schemas.serde.MalformedRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

/**
 * What the processor does with a record after each kind of failure: keep it (the task fails and reads it again)
 * or give it up to the dead-letter topic with its original bytes. The bound on retries counts per record across
 * stream threads; a registry outage never uses up a record's retries and never dead-letters it.
 */
class ProcessorFailuresTest {

    private static final byte[] KEY = "k".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = "v".getBytes(StandardCharsets.UTF_8);
    private final TestFailures test = new TestFailures();
    private final ProcessorFailures failures = test.failures;

    private static ProcessorFailures.Source record(long offset) {
        return new ProcessorFailures.Source("ig.deletions", 1, offset, KEY, VALUE);
    }

    @Test
    void shouldDeadLetterAMalformedRecordAtOnceWithItsBytesAndPlace() {
        assertThat(failures.onFailure(record(7), new MalformedRecordException("bad magic", "ig.deletions", -1)))
                .isEqualTo(ProcessorFailures.Outcome.SKIP);
        DeadLetter letter = test.letters.get(0);
        assertThat(letter.getTopic()).isEqualTo("ig.deletions");
        assertThat(letter.getPartition()).isEqualTo(1);
        assertThat(letter.getOffset()).isEqualTo(7);
        assertThat(letter.getOriginalKey().array()).isEqualTo(KEY);
        assertThat(letter.getOriginalValue().array()).isEqualTo(VALUE);
        assertThat(letter.getReason()).contains("bad magic");
    }

    @Test
    void shouldRetryAnUnexplainedFailureUpToTheBoundThenDeadLetterIt() {
        RuntimeException bug = new StreamsException(new NullPointerException("no channel"));
        int bound = failures.policy().maxAttempts();
        for (int attempt = 1; attempt < bound; attempt++) {
            assertThat(failures.onFailure(record(3), bug)).as("attempt %d", attempt)
                    .isEqualTo(ProcessorFailures.Outcome.KEEP);
        }
        assertThat(test.letters).isEmpty();
        assertThat(failures.onFailure(record(3), bug)).isEqualTo(ProcessorFailures.Outcome.SKIP);
        assertThat(test.letters).singleElement()
                .satisfies(letter -> assertThat(letter.getReason()).contains("after " + bound + " attempts"));
    }

    @Test
    void shouldCountRetriesPerRecord() {
        RuntimeException bug = new IllegalStateException("boom");
        for (int attempt = 1; attempt < failures.policy().maxAttempts(); attempt++) {
            failures.onFailure(record(3), bug);
        }
        assertThat(failures.onFailure(record(4), bug)).isEqualTo(ProcessorFailures.Outcome.KEEP);
    }

    @Test
    void shouldKeepARecordWhileTheRegistryIsAwayWithoutUsingUpItsRetriesAndPauseProcessing() {
        SerializationException registryDown = new SerializationException("cannot find schema",
                new SchemaRegistryException("connection refused", 0, 0));
        test.registryAnswers.set(false);
        for (int attempt = 0; attempt < 10; attempt++) {
            assertThat(failures.onFailure(record(5), registryDown)).isEqualTo(ProcessorFailures.Outcome.KEEP);
        }
        assertThat(test.letters).isEmpty();
        assertThat(test.pauses.get()).isEqualTo(1);
        assertThat(failures.onFailure(record(5), new IllegalStateException("boom")))
                .as("the first unexplained failure after the outage").isEqualTo(ProcessorFailures.Outcome.KEEP);
        test.gate.close();
    }

    @Test
    void shouldKeepARecordWhoseDeadLetterCannotBeWritten() {
        ProcessorFailures refusing = new ProcessorFailures(failures.policy(), letter -> {
            throw new IllegalStateException("broker unreachable");
        }, test.gate, Clock.systemUTC());
        assertThat(refusing.onFailure(record(9), new MalformedRecordException("bad", "ig.deletions", -1)))
                .isEqualTo(ProcessorFailures.Outcome.KEEP);
    }

    @Test
    void shouldGiveUpAFailingPunctuationAfterTheBoundWithoutALetter() {
        ProcessorFailures.Source punctuation = new ProcessorFailures.Source("window-tracker", -1, -1, null, null);
        ProcessorFailures.Outcome last = null;
        for (int attempt = 0; attempt < failures.policy().maxAttempts(); attempt++) {
            last = failures.onFailure(punctuation, new IllegalStateException("boom"));
        }
        assertThat(last).isEqualTo(ProcessorFailures.Outcome.SKIP);
        assertThat(test.letters).isEmpty();
    }
}
