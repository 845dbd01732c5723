package io.igrelay.processor;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bad input never blocks a partition (SPEC 8): a record Kafka Streams cannot decode is logged with its
 * topic/partition/offset (never its bytes) and skipped. The outbound topics do not reach this handler: they are read
 * as bytes and decoded in the topology, which dead-letters what fails ({@code deadletter.DeadLetters}).
 */
public final class SkipUndecodableHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SkipUndecodableHandler.class);

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                 Exception exception) {
        LOG.warn("Skipped undecodable record at {}/{}@{}: {}", context.topic(), context.partition(),
                context.offset(), exception.getClass().getSimpleName());
        return DeserializationHandlerResponse.CONTINUE;
    }
}
