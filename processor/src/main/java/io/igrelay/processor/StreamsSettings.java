package io.igrelay.processor;

import io.igrelay.schemas.config.KafkaSettings;
import io.igrelay.schemas.serde.AvroSerdeConfig;
import io.igrelay.schemas.topics.TopicLayout;
import io.igrelay.schemas.topics.Topics;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;

/**
 * The one place the Streams configuration is derived from {@link ProcessorConfig}: exactly_once_v2 (SPEC 8),
 * explicit deserialization (dead-letter) and production handlers, the interactive-query address, and any KAFKA_* override.
 */
final class StreamsSettings {

    private StreamsSettings() {
    }

    static Properties from(ProcessorConfig config) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.kafka().topics().replicationFactor());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG,
                config.advertisedUrl().getHost() + ":" + config.advertisedUrl().getPort());
        props.putAll(deadLetters(config.kafka()));
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DefaultProductionExceptionHandler.class);
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
        // a record that makes a processor throw is logged (topic/partition/offset, never its value) and skipped
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueProcessingExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        props.putAll(config.kafka().common(config.applicationId()));
        return props;
    }

    /**
     * Sets the JVM's default FORMAT locale to en-US. Kafka Streams 4.3.1 builds a log line with String.format for
     * every input partition without buffered records, on every record a task processes, whatever the log level (the
     * conversation task has four inputs; under webhook load three are empty). Under any other locale (on this project's
     * machines `en`, from LANG=C.UTF-8) each format also builds a DecimalFormatSymbols: ~7 % of the stream thread in
     * the backlog benchmark. The processor formats nothing for people, so nothing it writes changes.
     */
    static void pinFormatLocale() {
        if (!Locale.US.equals(Locale.getDefault(Locale.Category.FORMAT))) {
            Locale.setDefault(Locale.Category.FORMAT, Locale.US);
        }
    }

    /** Undecodable records: logged and skipped; those of the outbound topics also dead-lettered (SPEC 8). */
    static Properties deadLetters(KafkaSettings kafka) {
        Properties props = new Properties();
        TopicLayout topics = kafka.topics();
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        props.put(DeadLetterHandler.DLQ_TOPIC, topics.name(Topics.OUTBOUND_DLQ));
        props.put(DeadLetterHandler.DLQ_SOURCES, topics.name(Topics.OUTBOUND_REQUESTS) + ","
                + topics.name(Topics.MESSAGE_STATUS));
        props.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, kafka.schemaRegistryUrl());
        kafka.schemaRegistryBasicAuth().ifPresent(auth -> props.put(AvroSerdeConfig.REGISTRY_BASIC_AUTH_USER_INFO,
                auth));
        return props;
    }
}
