package io.igrelay.processor.deadletter;

import io.igrelay.avro.DeadLetter;
import io.igrelay.schemas.failure.DeadLetters;
import io.igrelay.schemas.failure.FailureClassifier;
import io.igrelay.schemas.failure.FailureKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a record read as bytes. A malformed value becomes a {@link DeadLetter} carrying the original key and
 * value bytes, its topic, partition and offset and the failed check; it is forwarded like any result, so it is
 * written in the same transaction as the offsets that skip it. A registry that is down is not the record's fault:
 * the exception goes on to the failure policy, which keeps the record until the registry answers.
 */
final class DecodingProcessor<V> implements Processor<byte[], byte[], String, Decoded<V>> {

    private static final Logger LOG = LoggerFactory.getLogger(DecodingProcessor.class);

    private final Deserializer<V> values;
    private ProcessorContext<String, Decoded<V>> context;

    DecodingProcessor(Deserializer<V> values) {
        this.values = values;
    }

    @Override
    public void init(ProcessorContext<String, Decoded<V>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        RecordMetadata source = context.recordMetadata().orElseThrow();
        V value;
        try {
            value = values.deserialize(source.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            if (FailureClassifier.classify(e) != FailureKind.MALFORMED) {
                throw e; // the registry is away (or worse): not the record's fault, so never dead-letter it here
            }
            LOG.warn("Dead-lettered undecodable record at {}/{}@{}: {}", source.topic(), source.partition(),
                    source.offset(), e.getClass().getSimpleName());
            DeadLetter letter = DeadLetters.of(source.topic(), source.partition(), source.offset(), record.key(),
                    record.value(), "undecodable record: " + FailureClassifier.describe(e), e,
                    Instant.ofEpochMilli(context.currentSystemTimeMs()));
            // no key: the original one is in the letter, and ig.outbound.dlq is keyed by message id where there is one
            context.forward(record.withKey((String) null).withValue(Decoded.undecodable(letter)));
            return;
        }
        context.forward(record.withKey(key).withValue(Decoded.of(value)));
    }
}
