package io.igrelay.processor.failure;

import io.igrelay.avro.DeadLetter;
import io.igrelay.schemas.failure.DeadLetterSink;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes the dead letters the Streams exception handlers produce to ig.outbound.dlq, and returns only once the
 * broker has acknowledged them: the handler lets Streams skip the record only after that, so a record is never
 * both skipped and not dead-lettered. It writes outside the task's transaction (a handler cannot join it), so a
 * crash between the letter and the commit can leave a second letter for the same record: a duplicate, never a loss.
 */
public final class KafkaDeadLetterSink implements DeadLetterSink, AutoCloseable {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<String, DeadLetter> producer;
    private final String topic;

    public KafkaDeadLetterSink(Producer<String, DeadLetter> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** @param producerProps the service's idempotent acks=all producer settings */
    public static KafkaDeadLetterSink create(Properties producerProps, Serializer<DeadLetter> letters, String topic) {
        return new KafkaDeadLetterSink(new KafkaProducer<>(producerProps, new StringSerializer(), letters), topic);
    }

    /**
     * A letter too large for the topic (its record was up to 5 MiB) goes without the original value, whose place
     * the letter names: the record stays readable at that topic, partition and offset for the topic's retention.
     */
    @Override
    public void send(DeadLetter letter) {
        try {
            write(letter);
        } catch (RecordTooLargeException e) {
            int size = letter.getOriginalValue() == null ? 0 : letter.getOriginalValue().remaining();
            write(DeadLetter.newBuilder(letter).setOriginalValue(null)
                    .setReason(letter.getReason() + " (original value of " + size + " bytes too large for the"
                            + " dead-letter topic: read it at its topic, partition and offset)").build());
        }
    }

    private void write(DeadLetter letter) {
        try {
            producer.send(new ProducerRecord<>(topic, null, letter)).get(ACK_TIMEOUT.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing a dead letter", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RecordTooLargeException tooLarge) {
                throw tooLarge;
            }
            throw new IllegalStateException("could not write a dead letter to " + topic + ": " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no ack for a dead letter to " + topic + " within " + ACK_TIMEOUT, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
