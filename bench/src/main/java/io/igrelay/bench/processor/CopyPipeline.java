package io.igrelay.bench.processor;

import io.igrelay.bench.BenchTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The processor's reference: a plain consume→produce copy of the same records between topics of the same size
 * (one partition), as a Kafka Streams application with the processor's guarantee, commit interval and producer
 * batching (exactly_once_v2, 100 ms, 128 KiB batches, 10 ms linger), so the ratio isolates what normalise + dedup +
 * window cost. (The processor's second stream thread is no advantage the copy lacks: the copy has one task.)
 */
final class CopyPipeline implements PipelineUnderTest {

    private final String bootstrap;
    private final String prefix;
    private final Path stateDir = StateDirs.create("copy");
    private KafkaStreams streams;

    CopyPipeline(String bootstrap, String prefix) {
        this.bootstrap = bootstrap;
        this.prefix = prefix;
    }

    @Override
    public void prepare() throws Exception {
        BenchTopics.create(bootstrap, inputTopic());
        BenchTopics.create(bootstrap, outputTopic());
    }

    @Override
    public String inputTopic() {
        return prefix + "copy.in";
    }

    @Override
    public String outputTopic() {
        return prefix + "copy.out";
    }

    @Override
    public void start() throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(inputTopic(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(outputTopic(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, prefix + "copy");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 128 * 1024);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 10);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        streams = new KafkaStreams(builder.build(), props);
        streams.start();
        RunningState.await(streams::state, Duration.ofSeconds(60));
    }

    @Override
    public void close() {
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
        }
        StateDirs.delete(stateDir);
        BenchTopics.deletePrefixed(bootstrap, prefix);
    }
}
