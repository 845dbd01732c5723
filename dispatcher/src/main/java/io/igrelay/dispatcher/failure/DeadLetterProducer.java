package io.igrelay.dispatcher.failure;

import io.igrelay.avro.DeadLetter;
import io.igrelay.schemas.failure.DeadLetterSink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * The dispatcher's dead-letter topic (ig.outbound.dlq): the original bytes, topic, partition, offset and reason of a
 * record a loop gives up on. A loop waits for the broker's acknowledgement before it moves past the record, and when
 * the letter cannot be written (broker or registry away) it holds the record as for any dependency; a view that only
 * mirrors a topic hands letters over without waiting. Every letter is counted by the input it came from.
 */
public final class DeadLetterProducer implements DeadLetterSink {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProducer.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<String, Object> producer;
    private final String topic;
    private final MeterRegistry registry;

    public DeadLetterProducer(Producer<String, Object> producer, String topic, MeterRegistry registry) {
        this.producer = producer;
        this.topic = topic;
        this.registry = registry;
    }

    /** Hands the letter over without waiting; a failed write is logged (the record is still on its topic). */
    @Override
    public void send(DeadLetter letter) {
        counter(letter).increment();
        try {
            producer.send(new ProducerRecord<>(topic, null, letter), (meta, error) -> {
                if (error != null) {
                    LOG.warn("dead letter of {}/{}@{} not written: {}", letter.getTopic(), letter.getPartition(),
                            letter.getOffset(), error.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("dead letter of {}/{}@{} not written: {}", letter.getTopic(), letter.getPartition(),
                    letter.getOffset(), e.toString());
        }
    }

    /** Writes the letter and waits for the broker; throws a retriable error when it cannot. */
    public void sendAndWait(DeadLetter letter) {
        try {
            producer.send(new ProducerRecord<>(topic, null, letter)).get(ACK_TIMEOUT.toMillis(),
                    TimeUnit.MILLISECONDS);
            counter(letter).increment();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterNotWritten(e);
        } catch (ExecutionException e) {
            throw new DeadLetterNotWritten(e.getCause());
        } catch (Exception e) {
            throw new DeadLetterNotWritten(e);
        }
    }

    /**
     * For views of compacted topics, which keep the record anyway and read it again at every start: the letter is
     * logged (topic, partition, offset, reason; never the bytes) and counted, not copied.
     */
    public static DeadLetterSink logAndCount(MeterRegistry registry, Class<?> owner) {
        DeadLetterSink log = DeadLetterSink.logOnly(owner);
        return letter -> {
            counter(registry, letter).increment();
            log.send(letter);
        };
    }

    private Counter counter(DeadLetter letter) {
        return counter(registry, letter);
    }

    private static Counter counter(MeterRegistry registry, DeadLetter letter) {
        return Counter.builder("igrelay.dispatcher.dead.letters").description("records given up, by input topic")
                .tag("topic", letter.getTopic()).register(registry);
    }

    /** The dead-letter topic did not take a letter: a dependency is away, the record is held. */
    public static final class DeadLetterNotWritten extends RetriableException {
        DeadLetterNotWritten(Throwable cause) {
            super("dead letter not written: " + cause, cause);
        }
    }
}
