package io.igrelay.ingress.drill;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The outage drill's own single-node KRaft broker in a forked JVM (a tiny copy of the local stack's launcher, since
 * ingress must not depend on `local`): formatted once, then stopped and started again on the same ports and data,
 * so the shared test cluster of the other ITs is never touched.
 */
final class DrillBroker implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private DrillProcess process;

    DrillBroker(Path dir) throws Exception {
        this.dir = dir;
        this.port = freePort();
        this.controllerPort = freePort();
        Path config = writeConfig();
        DrillProcess.runToCompletion("kafka-format", "kafka.tools.StorageTool", List.of("format", "--config",
                config.toString(), "--cluster-id", shortUuid(), "--standalone"), dir.resolve("format.log"));
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    void start() throws Exception {
        process = DrillProcess.start("kafka", "kafka.Kafka", List.of("-Xmx512m", "-Xms128m"),
                List.of(dir.resolve("server.properties").toString()), Map.of(), dir.resolve("kafka.log"));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!accepts()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("drill broker did not start:\n" + process.logTail());
            }
            Thread.sleep(100);
        }
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.stop();
            process = null;
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Path writeConfig() throws IOException {
        String controller = "127.0.0.1:" + controllerPort;
        Files.createDirectories(dir);
        Path file = dir.resolve("server.properties");
        Files.writeString(file, String.join("\n",
                "process.roles=broker,controller", "node.id=1",
                "controller.quorum.bootstrap.servers=" + controller,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://" + controller,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER", "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dir.resolve("data").toAbsolutePath(), "num.partitions=1",
                "auto.create.topics.enable=false", "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1", "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1", "transaction.state.log.num.partitions=1",
                "share.coordinator.state.topic.replication.factor=1", "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0", ""));
        return file;
    }

    private static String shortUuid() {
        UUID uuid = UUID.randomUUID();
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(16);
        buf.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
