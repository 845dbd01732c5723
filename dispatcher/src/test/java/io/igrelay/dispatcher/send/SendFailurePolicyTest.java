package io.igrelay.dispatcher.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.igrelay.avro.DeadLetter;
import io.igrelay.avro.DeliveryState;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.TextContent;
import io.igrelay.dispatcher.Commands;
import io.igrelay.schemas.registry.SchemaRegistryException;
import io.igrelay.schemas.serde.MalformedRecordException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/* The Send API path under the hub's one FailurePolicy: a malformed command is dead-lettered, a command held by an
 * absent registry is retried and never skipped or dead-lettered, and one that keeps failing for an unexplained
 * reason fails with INTERNAL_ERROR and a dead letter after the bounded attempts. */
class SendFailurePolicyTest {

    private final PipelineFixture f = new PipelineFixture();

    private ConsumerRecord<String, byte[]> text(String body) {
        return f.record(Commands.of(new TextContent(body)).build());
    }

    @Test
    void shouldHoldACommandWhileTheRegistryIsDownAndSendItWhenItReturns() {
        ConsumerRecord<String, byte[]> record = text("held");
        f.decodeFailure = new SerializationException("schema lookup failed",
                new SchemaRegistryException("registry unreachable", 0, 0));

        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> f.pipeline.handle(record)).isInstanceOf(RetryLater.class);
        }
        assertThat(f.written("ig.outbound.dlq")).isEmpty();
        assertThat(f.written("ig.message.status")).isEmpty();
        assertThat(f.calls).isEmpty();

        f.decodeFailure = null;
        f.pipeline.handle(record);

        assertThat(f.calls).hasSize(1);
        assertThat(f.written("ig.message.status")).singleElement()
                .satisfies(s -> assertThat(((MessageStatus) s).getStatus()).isEqualTo(DeliveryState.SENT));
        assertThat(f.written("ig.outbound.dlq")).isEmpty();
    }

    @Test
    void shouldDeadLetterAMalformedCommandWithItsBytesAndPlace() {
        ConsumerRecord<String, byte[]> record = text("poison");
        f.decodeFailure = new MalformedRecordException("not the wire format", record.topic(), -1);

        f.pipeline.handle(record);

        assertThat(f.written("ig.outbound.dlq")).singleElement().satisfies(letter -> {
            DeadLetter dead = (DeadLetter) letter;
            assertThat(dead.getTopic()).isEqualTo(record.topic());
            assertThat(dead.getPartition()).isEqualTo(record.partition());
            assertThat(dead.getOffset()).isEqualTo(record.offset());
            assertThat(dead.getOriginalValue().array()).isEqualTo(record.value());
            assertThat(dead.getReason()).contains("not the wire format");
        });
        assertThat(f.calls).isEmpty();
    }

    @Test
    void shouldFailWithInternalErrorAndADeadLetterAfterTheBoundedAttempts() {
        ConsumerRecord<String, byte[]> record = text("unlucky");
        f.brokenCalls = 3; // the fixture's policy gives up after 3 attempts

        assertThatThrownBy(() -> f.pipeline.handle(record)).isInstanceOf(RetryLater.class);
        assertThatThrownBy(() -> f.pipeline.handle(record)).isInstanceOf(RetryLater.class);
        f.pipeline.handle(record);

        assertThat(f.written("ig.message.status")).singleElement().satisfies(s -> {
            assertThat(((MessageStatus) s).getStatus()).isEqualTo(DeliveryState.FAILED);
            assertThat(((MessageStatus) s).getErrorCode()).isEqualTo("INTERNAL_ERROR");
        });
        assertThat(f.written("ig.outbound.dlq")).singleElement()
                .satisfies(letter -> assertThat(((DeadLetter) letter).getReason()).contains("after 3 attempts"));
    }
}
