package io.igrelay.schemas.failure;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.schemas.registry.SchemaRegistryException;
import io.igrelay.schemas.serde.MalformedRecordException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Random;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/* Malformed: dead letter at once; dependency away: retry for ever, never a letter; other: bounded, then a letter. */
class FailurePolicyTest {

    private final FailurePolicy policy =
            new FailurePolicy(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), Integer.MAX_VALUE), 3);
    private final Random random = new Random(1);

    @Test
    void shouldDeadLetterAMalformedRecordOnTheFirstFailure() {
        var verdict = policy.decide(new MalformedRecordException("bad magic byte", "t", -1), 1, random);
        assertThat(verdict).isInstanceOf(FailurePolicy.DeadLetter.class);
        assertThat(verdict.kind()).isEqualTo(FailureKind.MALFORMED);
        assertThat(verdict.reason()).contains("bad magic byte");
    }

    @Test
    void shouldRetryARegistryOutageSurfacingThroughADeserializerForever() {
        var outage = new SerializationException("could not decode",
                new SchemaRegistryException("GET /schemas/ids/7 failed: connection refused", 0, 0,
                        new ConnectException("refused")));
        var verdict = policy.decide(outage, 1_000, random);
        assertThat(verdict).isInstanceOf(FailurePolicy.Retry.class);
        assertThat(verdict.kind()).isEqualTo(FailureKind.DEPENDENCY_UNAVAILABLE);
        assertThat(((FailurePolicy.Retry) verdict).after()).isLessThanOrEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void shouldTreatAnUnknownSchemaIdAsMalformed() {
        var unknown = new MalformedRecordException("Unknown schema id 9", "t", 9,
                new SchemaRegistryException("404", 404, SchemaRegistryException.SCHEMA_NOT_FOUND));
        assertThat(FailureClassifier.classify(unknown)).isEqualTo(FailureKind.MALFORMED);
    }

    @Test
    void shouldTreatRegistryServerErrorsAndBrokerTimeoutsAsDependencies() {
        assertThat(FailureClassifier.classify(new SchemaRegistryException("503", 503, 0)))
                .isEqualTo(FailureKind.DEPENDENCY_UNAVAILABLE);
        assertThat(FailureClassifier.classify(new RuntimeException(new TimeoutException("metadata"))))
                .isEqualTo(FailureKind.DEPENDENCY_UNAVAILABLE);
    }

    @Test
    void shouldRetryAnUnexpectedFailureUpToTheBoundThenDeadLetterIt() {
        var rejected = new InvalidTimestampException("Timestamp 9223372036854775807 is out of range");
        assertThat(policy.decide(rejected, 1, random)).isInstanceOf(FailurePolicy.Retry.class);
        assertThat(policy.decide(rejected, 2, random)).isInstanceOf(FailurePolicy.Retry.class);
        var last = policy.decide(rejected, 3, random);
        assertThat(last).isInstanceOf(FailurePolicy.DeadLetter.class);
        assertThat(last.kind()).isEqualTo(FailureKind.UNEXPECTED);
        assertThat(last.reason()).contains("InvalidTimestampException").contains("after 3 attempts");
    }

    @Test
    void shouldDescribeTheInnermostCause() {
        assertThat(FailureClassifier.describe(new IllegalStateException("outer", new ConnectException("refused"))))
                .isEqualTo("IllegalStateException caused by ConnectException: refused");
    }
}
