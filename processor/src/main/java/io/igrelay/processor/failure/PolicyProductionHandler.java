package io.igrelay.processor.failure;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output record the broker does not take goes through the processor's failure policy. A retriable refusal (a
 * timeout, not enough replicas, a leader moving) is retried: RETRY makes Streams run the task again from its last
 * commit, nothing is skipped. A permanent one (a record too large for the topic, a timestamp out of the broker's
 * range, an invalid record) must not stop the partition: the output is remembered ({@link RefusedOutputs}); when the
 * error context is the input that made it, that input is dead-lettered (topic, partition, offset, bytes, reason) and
 * processing goes on without the refused output; when it is not known yet (the broker's answer arrives on the
 * producer's thread) the task fails once and runs again, and the wrapped producer then refuses the output on the
 * stream thread, where the input is known. Authorization and other fatal errors never reach a handler: Streams fails
 * the thread, which is replaced (see StreamThreadRecovery).
 */
public final class PolicyProductionHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyProductionHandler.class);

    private ProcessorFailures failures;

    @Override
    public void configure(Map<String, ?> configs) {
        failures = FailureConfig.failures(configs);
    }

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                                     Exception exception) {
        if (exception instanceof RetriableException) {
            failures.retriedFailures.incrementAndGet();
            LOG.warn("The broker did not take a record for {} yet ({}); the task runs again from its last commit",
                    record.topic(), exception.toString());
            return ProductionExceptionHandlerResponse.RETRY;
        }
        if (sharedABatchWithARefusedRecord(exception) || RefusedOutputs.batchSummary(exception)) {
            // not refused itself: remembering it would dead-letter a good input; the re-run sends it again
            LOG.warn("A record for {} failed only for travelling with a refused one (same batch, or a later batch "
                    + "the producer aborted); the task runs again from its last commit", record.topic());
            return ProductionExceptionHandlerResponse.FAIL;
        }
        RefusedOutputs refusals = failures.refusals();
        refusals.remember(record, exception);
        if (!refusals.synchronous()) {
            LOG.warn("The broker refused a record for {} for good ({}); the task runs again to find the input that "
                    + "made it", record.topic(), exception.toString());
            return ProductionExceptionHandlerResponse.FAIL;
        }
        ProcessorFailures.Source source = context.topic() == null
                ? new ProcessorFailures.Source(context.processorNodeId(), -1, -1, null, null)
                : new ProcessorFailures.Source(context.topic(), context.partition(), context.offset(),
                        context.sourceRawKey(), context.sourceRawValue());
        return failures.onRefusedOutput(source, record.topic(), exception) == ProcessorFailures.Outcome.SKIP
                ? ProductionExceptionHandlerResponse.CONTINUE : ProductionExceptionHandlerResponse.FAIL;
    }

    /**
     * The producer fails every other record of a batch the broker refused in part with a plain KafkaException of this
     * message (Kafka's Sender, KIP-467 record errors; its spelling): those records were valid and must not be taken
     * for the refused one.
     */
    static boolean sharedABatchWithARefusedRecord(Exception exception) {
        return exception.getClass() == KafkaException.class && exception.getMessage() != null
                && exception.getMessage().contains("part of a batch which had one more more invalid records");
    }
}
