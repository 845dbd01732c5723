package io.igrelay.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/*
 * One real KRaft broker+controller in this JVM (Kafka's own KafkaClusterTestKit), formatted with the latest
 * production metadata version and feature levels, so tests see what a released broker does rather than the
 * test kit's unstable defaults. Its log dirs live in one temp dir that close() removes.
 */
final class EmbeddedKafka implements TestBroker {

    private final Path baseDir;
    private final KafkaClusterTestKit cluster;

    private EmbeddedKafka(Path baseDir, KafkaClusterTestKit cluster) {
        this.baseDir = baseDir;
        this.cluster = cluster;
    }

    static EmbeddedKafka start() throws Exception {
        Path baseDir = Files.createTempDirectory("igrelay-kafka-");
        KafkaClusterTestKit cluster = null;
        try {
            TestKitNodes nodes = new TestKitNodes.Builder(productionBootstrap())
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                    .setBaseDirectory(baseDir)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    .setConfigProp("group.streams.heartbeat.interval.ms", "500")
                    .setConfigProp("group.streams.min.heartbeat.interval.ms", "500");
            SETTINGS.forEach(builder::setConfigProp); // without the single-node settings consumer groups hang
            cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new EmbeddedKafka(baseDir, cluster);
        } catch (Exception | Error e) {
            if (cluster != null) {
                closeQuietly(cluster);
            }
            TempFiles.deleteRecursively(baseDir);
            throw e;
        }
    }

    private static BootstrapMetadata productionBootstrap() {
        MetadataVersion version = MetadataVersion.latestProduction();
        Map<String, Short> features = new HashMap<>();
        for (Feature feature : Feature.PRODUCTION_FEATURES) {
            if (!feature.featureName().equals(Feature.KRAFT_VERSION.featureName())) {
                features.put(feature.featureName(), feature.defaultLevel(version));
            }
        }
        features.put(MetadataVersion.FEATURE_NAME, version.featureLevel());
        return BootstrapMetadata.fromVersions(version, features, "igrelay testkit");
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public void close() {
        closeQuietly(cluster);
        TempFiles.deleteRecursively(baseDir);
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        try {
            cluster.close();
        } catch (Exception e) {
            System.err.println("[testkit] closing the embedded Kafka cluster failed: " + e);
        }
    }
}
