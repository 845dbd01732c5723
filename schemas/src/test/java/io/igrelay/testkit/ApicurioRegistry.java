package io.igrelay.testkit;

import io.igrelay.schemas.registry.CompatibilityLevel;
import io.igrelay.schemas.registry.RestSchemaRegistryClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/*
 * The real schema registry for integration tests: Apicurio Registry 2.6.13 (Confluent API at /apis/ccompat/v7),
 * unpacked by Maven at pre-integration-test and run as a child JVM on a free port. A watchdog shell kills it if this
 * JVM dies without running its shutdown hooks (SIGKILL), so no registry outlives a test run. Global compatibility is
 * set to BACKWARD, as in the local stack (Apicurio's default is NONE).
 */
final class ApicurioRegistry implements AutoCloseable {

    static final String DIR_PROPERTY = "apicurio.dir";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final Process watchdog;
    private final Path logFile;
    private final int port;

    private ApicurioRegistry(Process process, Process watchdog, Path logFile, int port) {
        this.process = process;
        this.watchdog = watchdog;
        this.logFile = logFile;
        this.port = port;
    }

    /** The unpacked registry's runner jar, or empty when the tests do not run through failsafe. */
    static Optional<Path> runnerJar() {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-runner.jar")).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String missingMessage() {
        return "The real schema registry is not available: system property " + DIR_PROPERTY + " is "
                + Optional.ofNullable(System.getProperty(DIR_PROPERTY)).map(d -> "'" + d + "' (no *-runner.jar there)")
                        .orElse("not set")
                + ". Run integration tests through failsafe (mvn verify) in a module with <apicurio.skip>false"
                + "</apicurio.skip>, which unpacks Apicurio Registry into target/apicurio.";
    }

    static ApicurioRegistry start(Path runnerJar) throws IOException, InterruptedException {
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            int port = FreePorts.find();
            Path logFile = Files.createTempFile("igrelay-apicurio-", ".log");
            String java = ProcessHandle.current().info().command().orElse("java");
            Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                    "-jar", runnerJar.toString())
                    .directory(runnerJar.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            Process watchdog = startWatchdog(process.pid());
            ApicurioRegistry registry = new ApicurioRegistry(process, watchdog, logFile, port);
            Runtime.getRuntime().addShutdownHook(new Thread(registry::close, "apicurio-stopper"));
            try {
                registry.awaitReady();
                new RestSchemaRegistryClient(registry.url(), Optional.empty())
                        .setCompatibility(null, CompatibilityLevel.BACKWARD);
                return registry;
            } catch (IllegalStateException e) {
                last = e;
                registry.close();
            }
        }
        throw last;
    }

    /** The Confluent-compatible API base, e.g. http://127.0.0.1:41234/apis/ccompat/v7. */
    String url() {
        return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    }

    private static Process startWatchdog(long childPid) throws IOException {
        long self = ProcessHandle.current().pid();
        String script = "while kill -0 " + self + " 2>/dev/null && kill -0 " + childPid + " 2>/dev/null; do sleep 1;"
                + " done; kill " + childPid + " 2>/dev/null; sleep 5; kill -9 " + childPid + " 2>/dev/null; true";
        return new ProcessBuilder("sh", "-c", script).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Apicurio registry exited with " + process.exitValue()
                        + " before it was ready on port " + port + ". Last log lines:\n" + tail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Apicurio registry not ready on port " + port + " after " + READY_TIMEOUT
                + ". Last log lines:\n" + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log " + logFile + " unreadable: " + e + ")";
        }
    }

    @Override
    public synchronized void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        watchdog.destroy();
        TempFiles.deleteRecursively(logFile);
    }
}
