package io.igrelay.processor.failure;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * A record Kafka Streams cannot decode goes through the processor's failure policy ({@link ProcessorFailures}): a
 * malformed one is dead-lettered with its original bytes and skipped; one that fails because the schema registry is
 * away is kept (FAIL: the thread is replaced and reads it again from the last commit, while processing pauses until
 * the registry answers). Never CONTINUE for a record that was not dead-lettered.
 */
public final class PolicyDeserializationHandler implements DeserializationExceptionHandler {

    private ProcessorFailures failures;

    @Override
    public void configure(Map<String, ?> configs) {
        failures = FailureConfig.failures(configs);
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                 Exception exception) {
        ProcessorFailures.Source source = new ProcessorFailures.Source(record.topic(), record.partition(),
                record.offset(), record.key(), record.value());
        return failures.onFailure(source, exception) == ProcessorFailures.Outcome.SKIP
                ? DeserializationHandlerResponse.CONTINUE : DeserializationHandlerResponse.FAIL;
    }
}
