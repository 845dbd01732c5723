package io.igrelay.processor.failure;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka Streams builds its exception handlers by class name, so the one {@link ProcessorFailures} of the service
 * reaches them through the Streams configuration (an object value under {@link ProcessorFailures#CONFIG_KEY}), and
 * every stream thread, including the ones that replace dead threads, shares its attempt counts and its gate.
 */
public final class FailureConfig {

    private FailureConfig() {
    }

    /**
     * Sets the policy handlers and their shared state on {@code props}; the service's KafkaStreams also takes a
     * {@link RefusalAwareClientSupplier} over {@link ProcessorFailures#refusals()}.
     */
    public static void install(Properties props, ProcessorFailures failures) {
        props.put(ProcessorFailures.CONFIG_KEY, failures);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, PolicyDeserializationHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, PolicyProcessingHandler.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, PolicyProductionHandler.class);
    }

    static ProcessorFailures failures(Map<String, ?> configs) {
        Object value = configs.get(ProcessorFailures.CONFIG_KEY);
        if (!(value instanceof ProcessorFailures failures)) {
            throw new IllegalStateException("the Streams configuration carries no " + ProcessorFailures.CONFIG_KEY
                    + " (set it with FailureConfig.install)");
        }
        return failures;
    }
}
