package io.igrelay.bench.processor;

import io.igrelay.bench.BenchChannels;
import io.igrelay.bench.BenchKafka;
import io.igrelay.bench.BenchTopics;
import io.igrelay.processor.ProcessorConfig;
import io.igrelay.processor.ProcessorService;
import io.igrelay.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The real processor (ProcessorService: the whole topology, exactly_once_v2, its HTTP port on a free port) in this
 * JVM, with one partition per topic like its reference, the in-memory registry, a temp state directory, and the
 * delivery accounts connected as channels.
 * Webhook deliveries go through normalise → repartition by IGSID → dedup → echo match → ig.events, and the window
 * tracker publishes to ig.windows.
 */
final class ProcessorPipeline implements PipelineUnderTest {

    private final Path stateDir = StateDirs.create("processor");
    private final ProcessorConfig config;
    private final String prefix;
    private ProcessorService service;

    ProcessorPipeline(String bootstrap, String prefix) {
        this.prefix = prefix;
        ProcessorConfig base = ProcessorConfig.fromEnv(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "SCHEMA_REGISTRY_URL", BenchKafka.PLACEHOLDER_REGISTRY_URL,
                "TOPIC_PREFIX", prefix,
                "TOPIC_PARTITIONS", "1",
                "PROCESSOR_PORT", "0",
                "PROCESSOR_APPLICATION_ID", prefix + "processor",
                "PROCESSOR_STATE_DIR", stateDir.toString(),
                "TOKEN_ENCRYPTION_KEYS", BenchKafka.TOKEN_KEYS));
        this.config = new ProcessorConfig(BenchKafka.withMemoryRegistry(base.kafka()), base.applicationId(),
                base.stateDir(), base.port(), base.advertisedUrl(), base.humanAgentEnabled(), base.tokenCipher(),
                base.topology());
    }

    /** The topics, and one connected channel per account, so events keep their text as in production. */
    @Override
    public void prepare() throws Exception {
        BenchKafka.provision(config.kafka());
        Map<String, String> tokens = new LinkedHashMap<>();
        for (int a = 0; a < WebhookDeliveries.ACCOUNTS; a++) {
            tokens.put(WebhookDeliveries.accountId(a), "bench-token-" + a);
        }
        BenchChannels.seed(config.kafka().bootstrapServers(), config.kafka().topics().name(Topics.CHANNELS), tokens);
    }

    @Override
    public String inputTopic() {
        return config.kafka().topics().name(Topics.WEBHOOKS_RAW);
    }

    @Override
    public String outputTopic() {
        return config.kafka().topics().name(Topics.EVENTS);
    }

    @Override
    public void start() throws Exception {
        service = new ProcessorService(config).start();
        RunningState.await(service::state, Duration.ofSeconds(60));
    }

    @Override
    public void close() {
        if (service != null) {
            service.close();
        }
        StateDirs.delete(stateDir);
        BenchTopics.deletePrefixed(config.kafka().bootstrapServers(), prefix);
    }
}
