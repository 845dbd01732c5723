package io.igrelay.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.igrelay.avro.OutboundMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/*
 * The REST client against a tiny JDK HttpServer that plays a Confluent-compatible registry: the requests it sends
 * (paths, content type, auth), its caches, and the error paths an operator would meet (refused schema, unknown id,
 * a proxy's HTML error page, a registry that is down).
 */
class RestSchemaRegistryClientTest {

    private HttpServer server;
    private String baseUrl;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> lastHeaders = new ConcurrentHashMap<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    private record Answer(int status, String body) {
    }

    @BeforeEach
    void startFake() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7";
    }

    @AfterEach
    void stopFake() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(key + (body.isEmpty() ? "" : " " + body));
        exchange.getRequestHeaders().forEach((name, values) -> lastHeaders.put(name.toLowerCase(), values.get(0)));
        Answer answer = answers.getOrDefault(key, new Answer(404,
                "{\"error_code\":40401,\"message\":\"Subject not found\"}"));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private RestSchemaRegistryClient client(Optional<String> auth) {
        return new RestSchemaRegistryClient(baseUrl + "/", auth, Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void shouldResolveTheIdWhenItLosesARaceToCreateTheSubject() {
        answers.put("POST /apis/ccompat/v7/subjects/ig.events-value/versions",
                new Answer(409, "{\"error_code\":409,\"message\":\"Artifact already exists\"}"));
        answers.put("POST /apis/ccompat/v7/subjects/ig.events-value", new Answer(200, "{\"id\":11,\"version\":1}"));
        RestSchemaRegistryClient client = client(Optional.empty());

        assertThat(client.register("ig.events-value", OutboundMessage.getClassSchema())).isEqualTo(11);
    }

    @Test
    void shouldStillRefuseAnIncompatibleSchemaThatTheLookupDoesNotFind() {
        answers.put("POST /apis/ccompat/v7/subjects/ig.events-value/versions",
                new Answer(409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}"));
        RestSchemaRegistryClient client = client(Optional.empty());

        assertThatThrownBy(() -> client.register("ig.events-value", OutboundMessage.getClassSchema()))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("incompatible");
    }

    @Test
    void shouldRegisterWithConfluentContentTypeAndCacheTheId() {
        answers.put("POST /apis/ccompat/v7/subjects/ig.outbound.requests-value/versions", new Answer(200, "{\"id\":7}"));
        RestSchemaRegistryClient client = client(Optional.empty());
        assertThat(client.register("ig.outbound.requests-value", OutboundMessage.getClassSchema())).isEqualTo(7);
        assertThat(client.register("ig.outbound.requests-value", OutboundMessage.getClassSchema())).isEqualTo(7);
        assertThat(client.getById(7)).isEqualTo(OutboundMessage.getClassSchema());
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0)).contains("\"schema\":");
        assertThat(lastHeaders.get("content-type")).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(lastHeaders).doesNotContainKey("authorization");
    }

    @Test
    void shouldLookUpWithoutRegistering() {
        answers.put("POST /apis/ccompat/v7/subjects/t-value", new Answer(200,
                "{\"subject\":\"t-value\",\"version\":2,\"id\":11,\"schema\":\"\\\"string\\\"\"}"));
        assertThat(client(Optional.empty()).lookup("t-value", OutboundMessage.getClassSchema())).isEqualTo(11);
        assertThat(requests).singleElement().asString().startsWith("POST /apis/ccompat/v7/subjects/t-value {");
    }

    @Test
    void shouldFetchSchemaByIdOnceAndSendBasicAuth() {
        String schema = OutboundMessage.getClassSchema().toString().replace("\\", "\\\\").replace("\"", "\\\"");
        answers.put("GET /apis/ccompat/v7/schemas/ids/3", new Answer(200, "{\"schema\":\"" + schema + "\"}"));
        RestSchemaRegistryClient client = client(Optional.of("svc:s3cret"));
        assertThat(client.getById(3)).isEqualTo(OutboundMessage.getClassSchema());
        client.getById(3);
        assertThat(requests).hasSize(1);
        assertThat(lastHeaders.get("authorization")).isEqualTo("Basic c3ZjOnMzY3JldA==");
    }

    @Test
    void shouldNameUrlStatusAndRegistryMessageWhenSchemaIsRefused() {
        answers.put("POST /apis/ccompat/v7/subjects/t-value/versions", new Answer(409,
                "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}"));
        assertThatThrownBy(() -> client(Optional.of("svc:s3cret")).register("t-value", OutboundMessage.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isIncompatible()).isTrue();
                    assertThat(e.errorCode()).isEqualTo(409);
                })
                .hasMessageContaining(baseUrl + "/subjects/t-value/versions")
                .hasMessageContaining("HTTP 409")
                .hasMessageContaining("Schema being registered is incompatible")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void shouldReportUnknownIdAsNotFound() {
        answers.put("GET /apis/ccompat/v7/schemas/ids/99", new Answer(404,
                "{\"error_code\":40403,\"message\":\"Schema 99 not found\"}"));
        assertThatThrownBy(() -> client(Optional.empty()).getById(99))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isNotFound()).isTrue();
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
                })
                .hasMessageContaining("Schema 99 not found");
    }

    @Test
    void shouldKeepANonJsonErrorBodyInTheMessage() {
        answers.put("GET /apis/ccompat/v7/schemas/ids/1", new Answer(502, "<html>Bad Gateway</html>"));
        assertThatThrownBy(() -> client(Optional.empty()).getById(1))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("HTTP 502")
                .hasMessageContaining("<html>Bad Gateway</html>");
    }

    @Test
    void shouldTreatMissingSubjectAsEmptyAndCompatible() {
        RestSchemaRegistryClient client = client(Optional.empty());
        assertThat(client.getLatest("nope-value")).isEmpty();
        assertThat(client.testCompatibility("nope-value", OutboundMessage.getClassSchema())).isTrue();
    }

    @Test
    void shouldReadCompatibilityAnswerAndPutConfig() {
        answers.put("POST /apis/ccompat/v7/compatibility/subjects/t-value/versions/latest",
                new Answer(200, "{\"is_compatible\":false}"));
        answers.put("PUT /apis/ccompat/v7/config", new Answer(200, "{\"compatibilityLevel\":\"BACKWARD\"}"));
        answers.put("PUT /apis/ccompat/v7/config/t-value", new Answer(200, "{\"compatibility\":\"FULL_TRANSITIVE\"}"));
        RestSchemaRegistryClient client = client(Optional.empty());
        assertThat(client.testCompatibility("t-value", OutboundMessage.getClassSchema())).isFalse();
        client.setCompatibility(null, CompatibilityLevel.BACKWARD);
        client.setCompatibility("t-value", CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(requests).contains("PUT /apis/ccompat/v7/config {\"compatibility\":\"BACKWARD\"}",
                "PUT /apis/ccompat/v7/config/t-value {\"compatibility\":\"FULL_TRANSITIVE\"}");
    }

    @Test
    void shouldSayUnreachableAfterRetryingConnectionRefused() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/apis/ccompat/v7";
        var client = new RestSchemaRegistryClient(url, Optional.empty(), Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThatThrownBy(() -> client.getById(1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.status()).isZero())
                .hasMessageContaining("unreachable")
                .hasMessageContaining(url + "/schemas/ids/1")
                .hasMessageContaining("3 times");
    }
}
