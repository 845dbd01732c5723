package io.igrelay.processor.failure;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.processor.testing.TestFailures;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.ProductionExceptionHandlerResponse;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

/**
 * The production policy over the real failure policy and a wrapped MockProducer: retriable refusals retry, permanent
 * ones dead-letter the input that made the output, once, and go on; the broker's late answer (no input known) fails
 * the task once so the re-run finds the input.
 */
class PolicyProductionHandlerTest {

    private static final byte[] INPUT_KEY = "acct-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] INPUT_VALUE = "the raw webhook".getBytes(StandardCharsets.UTF_8);

    private final TestFailures test = new TestFailures();
    private final PolicyProductionHandler handler = new PolicyProductionHandler();
    private final ProducerRecord<byte[], byte[]> output = new ProducerRecord<>("ig.events", bytes("7309"),
            bytes("an event too large"));
    private final ErrorHandlerContext input = context("ig.webhooks.raw", 3, 41L);

    PolicyProductionHandlerTest() {
        handler.configure(Map.of(ProcessorFailures.CONFIG_KEY, test.failures));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The output sent again through the wrapped producer, as the re-run task does; returns the handler's answer. */
    private ProductionExceptionHandlerResponse sendAgain(MockProducer<byte[], byte[]> broker) {
        Producer<byte[], byte[]> producer = test.failures.refusals().wrap(broker);
        AtomicReference<ProductionExceptionHandlerResponse> answer = new AtomicReference<>();
        producer.send(new ProducerRecord<>(output.topic(), output.key().clone(), output.value().clone()),
                (metadata, error) -> answer.set(handler.handle(input, output, error)));
        return answer.get();
    }

    @Test
    void shouldRetryARetriableRefusalAndNeverSkipIt() {
        assertThat(handler.handle(input, output, new NotEnoughReplicasException("1 of 3 in sync")))
                .isEqualTo(ProductionExceptionHandlerResponse.RETRY);
        assertThat(test.letters).isEmpty();
    }

    @Test
    void shouldFailTheTaskOnceWhenTheBrokerRefusesAndTheInputIsNotKnown() {
        assertThat(handler.handle(context("ig.webhooks.raw", 0, 999L), output,
                new InvalidTimestampException("Timestamp 9223372036854775807 of message is out of range")))
                .isEqualTo(ProductionExceptionHandlerResponse.FAIL);
        assertThat(test.letters).as("the context of a late answer is some other record").isEmpty();
    }

    @Test
    void shouldDeadLetterTheInputOnTheReRunAndGoOnWithoutSendingTheOutput() {
        MockProducer<byte[], byte[]> broker = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        handler.handle(context("ig.webhooks.raw", 0, 999L), output, new RecordTooLargeException("1 MiB"));

        assertThat(sendAgain(broker)).isEqualTo(ProductionExceptionHandlerResponse.CONTINUE);

        assertThat(broker.history()).as("refused before the broker").isEmpty();
        assertThat(test.letters).singleElement().satisfies(letter -> {
            assertThat(letter.getTopic()).isEqualTo("ig.webhooks.raw");
            assertThat(letter.getPartition()).isEqualTo(3);
            assertThat(letter.getOffset()).isEqualTo(41L);
            assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(INPUT_VALUE));
            assertThat(letter.getReason()).contains("refused its output to ig.events")
                    .contains("RecordTooLargeException");
        });
        assertThat(test.failures.refusedOutputs).hasValue(1);
    }

    @Test
    void shouldDeadLetterAnInputOnlyOnceWhenItsTaskRunsAgain() {
        MockProducer<byte[], byte[]> broker = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        handler.handle(input, output, new RecordTooLargeException("1 MiB"));

        sendAgain(broker);
        assertThat(sendAgain(broker)).isEqualTo(ProductionExceptionHandlerResponse.CONTINUE);

        assertThat(test.letters).hasSize(1);
    }

    @Test
    void shouldSendOtherOutputsThroughTheWrappedProducer() {
        MockProducer<byte[], byte[]> broker = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        handler.handle(input, output, new RecordTooLargeException("1 MiB"));

        test.failures.refusals().wrap(broker).send(new ProducerRecord<>("ig.events", bytes("7309"),
                bytes("a small event")));

        assertThat(broker.history()).hasSize(1);
    }

    @Test
    void shouldKeepTheInputWhenItsDeadLetterCannotBeWritten() {
        ProcessorFailures failing = new ProcessorFailures(test.failures.policy(), letter -> {
            throw new IllegalStateException("no ack for a dead letter");
        }, test.gate, Clock.systemUTC());
        handler.configure(Map.of(ProcessorFailures.CONFIG_KEY, failing));
        MockProducer<byte[], byte[]> broker = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        handler.handle(input, output, new RecordTooLargeException("1 MiB"));
        Producer<byte[], byte[]> producer = failing.refusals().wrap(broker);
        AtomicReference<ProductionExceptionHandlerResponse> answer = new AtomicReference<>();

        producer.send(output, (metadata, error) -> answer.set(handler.handle(input, output, error)));

        assertThat(answer.get()).isEqualTo(ProductionExceptionHandlerResponse.FAIL);
        assertThat(failing.refusedOutputs).hasValue(0);
    }

    private static ErrorHandlerContext context(String topic, int partition, long offset) {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return topic;
            }

            @Override
            public int partition() {
                return partition;
            }

            @Override
            public long offset() {
                return offset;
            }

            @Override
            public Headers headers() {
                return new RecordHeaders();
            }

            @Override
            public String processorNodeId() {
                return "events-sink";
            }

            @Override
            public TaskId taskId() {
                return new TaskId(0, partition);
            }

            @Override
            public long timestamp() {
                return 0L;
            }

            @Override
            public byte[] sourceRawKey() {
                return INPUT_KEY;
            }

            @Override
            public byte[] sourceRawValue() {
                return INPUT_VALUE;
            }
        };
    }

    @Test
    void shouldSendAgainARecordRefusedOnlyForSharingABatchWithARefusedOneNeverDeadLetteringItsInput() {
        MockProducer<byte[], byte[]> broker = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        KafkaException batchMate = new KafkaException(
                "Failed to append record because it was part of a batch which had one more more invalid records");

        assertThat(handler.handle(input, output, batchMate)).isEqualTo(ProductionExceptionHandlerResponse.FAIL);
        test.failures.refusals().wrap(broker).send(new ProducerRecord<>(output.topic(), output.key().clone(),
                output.value().clone()));

        assertThat(broker.history()).as("not remembered as refused: sent again on the re-run").hasSize(1);
        assertThat(test.letters).isEmpty();
    }
}
