package io.igrelay.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Apicurio Registry 2.6 (the Confluent-compatible API at {@code /apis/ccompat/v7}) in its own JVM, with its H2
 * database as a file under the data folder, so the schema ids written into Kafka records still resolve after a
 * restart. Sets the global compatibility to BACKWARD, since Apicurio's default is NONE.
 */
public final class RegistryProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final ChildProcess child;
    private final int port;

    private RegistryProcess(ChildProcess child, int port) {
        this.child = child;
        this.port = port;
    }

    /** Starts the registry with its database and its log ({@code registry.log}) under {@code dataDir}. */
    public static RegistryProcess start(Path dataDir, int port, Path apicurioDir) {
        return start(dataDir, dataDir.resolve("registry.log"), port, apicurioDir);
    }

    public static RegistryProcess start(Path dataDir, Path logFile, int port, Path apicurioDir) {
        Path runner = runnerJar(apicurioDir);
        Map<String, String> env = Map.of(
                "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "REGISTRY_DATASOURCE_URL", "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("registry_db"));
        var child = ChildProcess.start("registry",
                JvmLaunch.jar(runner, List.of("-Xmx256m", "-Dquarkus.http.port=" + port)),
                env, logFile, Duration.ofSeconds(20));
        var registry = new RegistryProcess(child, port);
        try {
            ChildReadiness.awaitHttpOk(child, URI.create(registry.baseUrl() + "/health/ready"), READY_TIMEOUT);
            registry.setGlobalCompatibility("BACKWARD");
        } catch (RuntimeException e) {
            child.stop();
            throw e;
        }
        return registry;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The Confluent Schema Registry REST base, as SCHEMA_REGISTRY_URL expects it. */
    public String confluentApiUrl() {
        return baseUrl() + "/apis/ccompat/v7";
    }

    public ChildProcess child() {
        return child;
    }

    @Override
    public void close() {
        child.stop();
    }

    private void setGlobalCompatibility(String level) {
        var request = HttpRequest.newBuilder(URI.create(confluentApiUrl() + "/config"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}"))
                .build();
        try {
            var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new StackStartException("the registry refused compatibility " + level + ": HTTP "
                        + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new StackStartException("cannot set the registry compatibility: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartException("interrupted while configuring the registry", e);
        }
    }

    private static Path runnerJar(Path apicurioDir) {
        try (Stream<Path> files = Files.list(apicurioDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> missing(apicurioDir));
        } catch (IOException e) {
            throw missing(apicurioDir);
        }
    }

    private static StackStartException missing(Path apicurioDir) {
        return new StackStartException("no Apicurio runner jar in " + apicurioDir
                + "; build the local module first (./igrelay up builds it, or: mvn -pl local package)");
    }
}
