package io.igrelay.processor.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The wrapped producer learns the broker's refusals from its own callbacks, whatever Kafka Streams does with them:
 * the refused record is refused again at once when sent again; a batch-mate's error and a later batch aborted with
 * the same exception object are not taken for refusals.
 */
class RefusedOutputsTest {

    private final RefusedOutputs refusals = new RefusedOutputs();
    private final MockProducer<byte[], byte[]> broker = new MockProducer<>(false, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final Producer<byte[], byte[]> producer = refusals.wrap(broker);

    private static ProducerRecord<byte[], byte[]> output(String value) {
        return new ProducerRecord<>("ig.events", "7309".getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends again and tells what the callback got at once (null: the record went to the broker). */
    private Exception sendAgain(String value) {
        AtomicReference<Exception> answer = new AtomicReference<>();
        producer.send(output(value), (metadata, error) -> answer.set(error));
        return answer.get();
    }

    @Test
    void shouldRememberARefusalEvenWhenStreamsWouldSkipItsCallback() {
        producer.send(output("valid batch-mate"), (metadata, error) -> { });
        producer.send(output("two hours ahead"), null);
        broker.errorNext(new KafkaException(
                "Failed to append record because it was part of a batch which had one more more invalid records"));
        InvalidTimestampException refusal = new InvalidTimestampException("Timestamp out of range");
        broker.errorNext(refusal);

        assertThat(sendAgain("two hours ahead")).isSameAs(refusal);
        assertThat(sendAgain("valid batch-mate")).isNull();
    }

    @Test
    void shouldNotTakeRecordsAbortedWithTheSameErrorForRefused() {
        producer.send(output("too large"), null);
        producer.send(output("aborted after it"), null);
        InvalidTimestampException refusal = new InvalidTimestampException("Timestamp out of range");
        broker.errorNext(refusal);
        broker.errorNext(refusal);

        assertThat(sendAgain("too large")).isSameAs(refusal);
        assertThat(sendAgain("aborted after it")).isNull();
    }

    /** Seen in a full verify: a later batch aborted with the broker's summary of the refused batch. */
    @Test
    void shouldNotTakeTheBatchSummaryForARefusal() {
        producer.send(output("two hours ahead"), null);
        producer.send(output("aborted with the summary"), null);
        InvalidTimestampException refusal = new InvalidTimestampException("Timestamp 1796676445006 of message with "
                + "offset 2 is out of range");
        broker.errorNext(refusal);
        broker.errorNext(new InvalidTimestampException("One or more records have been rejected due to invalid "
                + "timestamp"));

        assertThat(sendAgain("two hours ahead")).isSameAs(refusal);
        assertThat(sendAgain("aborted with the summary")).isNull();
    }
}
