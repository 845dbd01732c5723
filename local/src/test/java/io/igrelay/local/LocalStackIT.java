package io.igrelay.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the real broker and registry of the local stack (no services: those have their own ITs), checks both are
 * usable, stops them, starts again on the same data folder and checks the topic, the schema id and the dev secrets
 * survived. Free ports, so it runs beside a developer's own ./igrelay up.
 */
class LocalStackIT {

    private static final String SCHEMA = "{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Probe\\\","
            + "\\\"fields\\\":[{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"string\\\"}]}";

    @TempDir
    Path home;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldStartBrokerAndRegistryAndKeepTheirDataAcrossARestart() throws Exception {
        StackSettings settings = settings();
        DevSecrets firstSecrets;
        int schemaId;

        try (LocalStack stack = LocalStack.start(settings, quiet())) {
            firstSecrets = stack.secrets();
            try (Admin admin = admin(stack)) {
                admin.createTopics(List.of(new NewTopic("probe", 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
            }
            schemaId = registerSchema(stack);
            assertThat(get(stack.childEnv().get("SCHEMA_REGISTRY_URL") + "/config")).contains("BACKWARD");
        }

        try (LocalStack stack = LocalStack.start(settings, quiet())) {
            assertThat(stack.secrets()).isEqualTo(firstSecrets);
            try (Admin admin = admin(stack)) {
                assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains("probe");
            }
            assertThat(get(stack.childEnv().get("SCHEMA_REGISTRY_URL") + "/schemas/ids/" + schemaId))
                    .contains("Probe");
        }
        assertThat(Files.readString(home.resolve(".data/logs/kafka.log"))).contains("Kafka Server started");
    }

    private StackSettings settings() throws Exception {
        BrokerPorts broker = BrokerPorts.free();
        var ports = new StackPorts(broker.broker(), broker.controller(), BrokerPorts.freePort(),
                BrokerPorts.freePort(), BrokerPorts.freePort(), BrokerPorts.freePort(), BrokerPorts.freePort(),
                BrokerPorts.freePort());
        String classpath = "target/classes" + java.io.File.pathSeparator
                + Files.readString(Path.of("target/classpath.txt")).trim();
        Path apicurio = Path.of(System.getProperty("apicurio.dir", "target/apicurio"));
        return new StackSettings(home, apicurio, classpath, ports, List.of(), Map.of());
    }

    private static Admin admin(LocalStack stack) {
        var props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.childEnv().get("KAFKA_BOOTSTRAP_SERVERS"));
        return Admin.create(props);
    }

    private int registerSchema(LocalStack stack) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(stack.childEnv().get("SCHEMA_REGISTRY_URL")
                        + "/subjects/probe-value/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"" + SCHEMA + "\"}"))
                .build();
        String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        assertThat(body).matches("\\{\"id\":\\d+}");
        return Integer.parseInt(body.replaceAll("\\D", ""));
    }

    private String get(String url) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + url).isEqualTo(200);
        return response.body();
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }
}
