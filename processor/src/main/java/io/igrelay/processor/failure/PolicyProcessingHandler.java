package io.igrelay.processor.failure;

import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A processor (or punctuator) that throws goes through the processor's failure policy ({@link ProcessorFailures}),
 * with the source record's topic, partition, offset and raw bytes: a registry outage keeps the record, any other
 * failure is retried from the last commit a bounded number of times and then dead-lettered. This replaces "log and
 * continue", which skipped records (and committed their offsets) whatever the cause.
 */
public final class PolicyProcessingHandler implements ProcessingExceptionHandler {

    private ProcessorFailures failures;

    @Override
    public void configure(Map<String, ?> configs) {
        failures = FailureConfig.failures(configs);
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        ProcessorFailures.Source source = context.topic() == null
                ? new ProcessorFailures.Source(context.processorNodeId(), -1, -1, null, null)
                : new ProcessorFailures.Source(context.topic(), context.partition(), context.offset(),
                        context.sourceRawKey(), context.sourceRawValue());
        return failures.onFailure(source, exception) == ProcessorFailures.Outcome.SKIP
                ? ProcessingHandlerResponse.CONTINUE : ProcessingHandlerResponse.FAIL;
    }
}
