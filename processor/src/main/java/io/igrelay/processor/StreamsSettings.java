package io.igrelay.processor;

import io.igrelay.processor.failure.FailureConfig;
import io.igrelay.processor.failure.ProcessorFailures;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The one place the Streams configuration is derived from {@link ProcessorConfig}: exactly_once_v2 (contract §8), the
 * failure policy's deserialization and processing handlers, the production handler, the interactive-query address,
 * and any KAFKA_* override.
 */
final class StreamsSettings {

    private StreamsSettings() {
    }

    static Properties from(ProcessorConfig config, ProcessorFailures failures) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.kafka().topics().replicationFactor());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG,
                config.advertisedUrl().getHost() + ":" + config.advertisedUrl().getPort());
        // one failure policy for every input: malformed -> dead letter; registry away -> kept, processing paused;
        // anything else -> retried from the last commit, then dead-lettered (failure.ProcessorFailures)
        FailureConfig.install(props, failures);
        // and for outputs the broker refuses: retriable -> the task runs again; permanent -> the input is dead-lettered
        // (failure.PolicyProductionHandler)
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        // normalise (raw partitions) and the conversation tasks (IGSID partitions) are separate sub-topologies.
        // Streams hands stateful tasks round-robin to the threads first, then fills them up with stateless ones; with
        // one partition per topic the five stateful tasks leave the second thread one short, so normalise (stateless)
        // lands there and the conversation task keeps the first (measured: both at ~40 % while both stages run; when
        // the topology had four stateful tasks, both threads were one short and normalise went to the first: both hot
        // tasks shared it). With several partitions the threads share both stages anyway. KAFKA_NUM_STREAM_THREADS
        // overrides.
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        // ~1 KiB events and repartitioned items: fuller batches mean fewer produce requests per transaction, and a
        // short linger (Streams' default is 100 ms) sends them during the commit interval, not all at the commit
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 128 * 1024);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 10);
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        props.putAll(config.kafka().common(config.applicationId()));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2); // no KAFKA_* overrides it
        return props;
    }
}
