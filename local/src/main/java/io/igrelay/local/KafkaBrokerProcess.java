package io.igrelay.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * A standalone single-node KRaft broker (combined broker+controller) in its own JVM, with all data under one
 * folder: formatted once with {@code StorageTool --standalone}, reused on later starts. Used by the local stack
 * (fixed ports, data in .data/kafka) and by the bench (free ports, a temp folder).
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final ChildProcess child;
    private final BrokerPorts ports;

    private KafkaBrokerProcess(ChildProcess child, BrokerPorts ports) {
        this.child = child;
        this.ports = ports;
    }

    /** Starts a broker with its data and its log ({@code kafka.log}) under {@code dataDir}, 1 GiB heap. */
    public static KafkaBrokerProcess start(Path dataDir, BrokerPorts ports) {
        return start(dataDir, dataDir.resolve("kafka.log"), ports, JvmLaunch.currentClasspath(), "1g");
    }

    public static KafkaBrokerProcess start(Path dataDir, Path logFile, BrokerPorts ports, String classpath,
                                           String heap) {
        Path config = writeConfig(dataDir, ports);
        Map<String, String> env = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        List<String> jvm = List.of("-Xmx" + heap, "-Xms256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-Dorg.slf4j.simpleLogger.showDateTime=true");
        if (!Files.exists(dataDir.resolve("data").resolve("meta.properties"))) {
            ChildProcess.runToCompletion("kafka storage format",
                    JvmLaunch.mainClass(classpath, "kafka.tools.StorageTool", List.of("-Xmx256m"),
                            List.of("format", "--config", config.toString(),
                                    "--cluster-id", Uuid.randomUuid().toString(), "--standalone")),
                    env, logFile, Duration.ofSeconds(60));
        }
        var child = ChildProcess.start("kafka",
                JvmLaunch.mainClass(classpath, "kafka.Kafka", jvm, List.of(config.toString())),
                env, logFile, Duration.ofSeconds(30));
        var broker = new KafkaBrokerProcess(child, ports);
        try {
            broker.awaitReady();
        } catch (RuntimeException e) {
            child.stop();
            throw explained(e, dataDir, logFile);
        }
        return broker;
    }

    /**
     * A data folder formatted by a newer Kafka (this project used 4.3.1 before it moved to 4.1.2) stops the broker
     * with a metadata stack trace; say what it means and what to do instead.
     */
    static RuntimeException explained(RuntimeException failure, Path dataDir, Path logFile) {
        String log;
        try {
            log = Files.exists(logFile) ? Files.readString(logFile) : "";
        } catch (IOException | UncheckedIOException unreadable) {
            return failure;
        }
        if (!log.contains("UnsupportedVersionException") || !log.contains("MetadataParseException")) {
            return failure;
        }
        // the services' state folders beside it refer to that broker's offsets, so the whole folder goes
        Path folder = dataDir.toAbsolutePath().getParent();
        return new StackStartException("the Kafka data in " + dataDir + " was written by a newer Kafka than this"
                + " build's " + AppInfoParser.getVersion() + ", which cannot read it. It holds only local data:"
                + " delete " + folder + " and start again. Broker log: " + logFile, failure);
    }

    public String bootstrapServers() {
        return ports.bootstrapServers();
    }

    public ChildProcess child() {
        return child;
    }

    @Override
    public void close() {
        child.stop();
    }

    private void awaitReady() {
        // a plain TCP probe first: the AdminClient would log a warning for every refused connection
        ChildReadiness.await(child, "listening on " + ports.broker(), READY_TIMEOUT, this::accepts);
        var props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(props)) {
            ChildReadiness.await(child, "AdminClient describeCluster", READY_TIMEOUT, () -> hasNodes(admin));
        }
    }

    private boolean accepts() {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", ports.broker()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean hasNodes(Admin admin) {
        try {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private static Path writeConfig(Path dataDir, BrokerPorts ports) {
        String controller = "127.0.0.1:" + ports.controller();
        String config = String.join("\n",
                "# written by igrelay at every start; edit KafkaBrokerProcess instead",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=" + controller,
                "listeners=PLAINTEXT://127.0.0.1:" + ports.broker() + ",CONTROLLER://" + controller,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + ports.broker(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dataDir.resolve("data").toAbsolutePath(),
                "num.partitions=1",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "group.streams.heartbeat.interval.ms=500",
                "group.streams.min.heartbeat.interval.ms=500",
                "");
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve("server.properties");
            Files.writeString(file, config);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the broker config under " + dataDir, e);
        }
    }
}
