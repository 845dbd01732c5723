package io.igrelay.ingress.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.ApiKey;
import io.igrelay.avro.Application;
import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.DeletionRequest;
import io.igrelay.avro.DeliveryState;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.OutboundMessage;
import io.igrelay.avro.TextContent;
import io.igrelay.ingress.apps.ApiKeyCredentials;
import io.igrelay.ingress.config.ApiSettings;
import io.igrelay.ingress.config.IngressConfig;
import io.igrelay.schemas.config.EnvReader;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.RecordHeaders;
import io.igrelay.schemas.topics.TopicProvisioner;
import io.igrelay.schemas.topics.Topics;
import io.igrelay.testkit.KafkaStack;
import io.igrelay.testkit.KafkaStackExtension;
import io.igrelay.testkit.ServiceEnvironment;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The hub API with the real broker and registry: Applications and Channels are seeded on the prefixed compacted
 * topics, a fake processor answers /windows and /status, and ApiModule is mounted on a router of the test's own.
 */
@ExtendWith(KafkaStackExtension.class)
class ApiModuleIT {

    private static final String PREFIX = "api-it.";
    private static final String DEV_KEY = "igr_devkey01_0123456789abcdefABCDEF";
    private static final String CHANNEL = "0b4f5c1e-2a7d-4c39-9d7e-2f6a3b1c9e10";
    private static final String IGSID = "1234567890123456";

    private static KafkaStack stack;
    private static AvroSerdes serdes;
    private static Vertx vertx;
    private static FakeProcessor processor;
    private static ApiModule module;
    private static HttpServer server;
    private static String devApplicationId;
    private static String limitedKey;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start(KafkaStack kafkaStack) throws Exception {
        stack = kafkaStack;
        serdes = stack.serdes();
        vertx = Vertx.vertx();
        processor = new FakeProcessor(vertx);
        Map<String, String> env = ServiceEnvironment.base(stack, PREFIX);
        env.put("PROCESSOR_URL", processor.url());
        env.put("PUBLIC_BASE_URL", "http://hub.test");
        env.put("DEV_API_KEY", DEV_KEY);
        IngressConfig config = IngressConfig.fromEnv(env);
        new TopicProvisioner(stack.admin(), config.kafka().topics()).ensure(Topics.ALL);

        devApplicationId = java.util.UUID.nameUUIDFromBytes(("igrelay-dev-application:devkey01")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        ApiKeyCredentials limited = ApiKeyCredentials.generate(new SecureRandom());
        limitedKey = limited.presentable();
        try (KafkaProducer<String, Object> producer = stack.producer(new StringSerializer(), serdes.serializer())) {
            producer.send(new ProducerRecord<>(Topics.CHANNELS.name(PREFIX), CHANNEL, channel())).get(10, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(Topics.APPLICATIONS.name(PREFIX), "app-limited",
                    application("app-limited", limited))).get(10, TimeUnit.SECONDS);
        }

        module = new ApiModule(vertx, config, ApiSettings.read(new EnvReader(env)), serdes);
        Router router = Router.router(vertx);
        module.mount(router, List.of(ApiTestBed::notServedHere)).await();
        module.mountAdmin(router);
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close().await();
        }
        if (module != null) {
            module.close();
        }
        if (processor != null) {
            processor.close();
        }
        if (vertx != null) {
            vertx.close().await();
        }
    }

    private static Channel channel() {
        return InMemoryChannels.channel(CHANNEL, devApplicationId, "Acme.Store", ChannelStatus.ACTIVE);
    }

    private static Application application(String id, ApiKeyCredentials key) {
        return Application.newBuilder().setApplicationId(id).setName(id)
                .setApiKeys(List.of(ApiKey.newBuilder().setKeyId(key.keyId())
                        .setSecretSha256(ByteBuffer.wrap(key.secretSha256())).setCreatedAt(Instant.now()).build()))
                .setRateLimitPerSecond(2).setCreatedAt(Instant.now()).setUpdatedAt(Instant.now()).build();
    }

    private static final Map<String, String> ADMIN = Map.of("authorization",
            "Bearer " + ServiceEnvironment.TEST_ADMIN_TOKEN);

    private static HttpResponse<String> call(String method, String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.actualPort() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String body, Map<String, String> headers) throws Exception {
        return call("POST", "/v1/communication/instagram/message", body, headers);
    }

    private static String text(String text) {
        return "{\"from\":\"@acme.store\",\"to\":\"" + IGSID + "\",\"content\":{\"text\":\"" + text + "\"}}";
    }

    private static String errorCode(HttpResponse<String> response) {
        return new JsonObject(response.body()).getString("errorCode");
    }

    @Test
    void shouldPutADecodableOutboundMessageOnTheTopicBeforeAnswering202() throws Exception {
        processor.window(IGSID, CHANNEL, "OPEN");

        HttpResponse<String> response = send(text("hello"), Map.of("x-api-key", DEV_KEY));

        assertThat(response.statusCode()).isEqualTo(202);
        String id = new JsonObject(response.body()).getString("messageId");
        var records = stack.readAll(Topics.OUTBOUND_REQUESTS.name(PREFIX), new StringDeserializer(),
                serdes.deserializer(OutboundMessage.class), 1, Duration.ofSeconds(20));
        OutboundMessage message = records.stream().map(r -> r.value())
                .filter(m -> m.getMessageId().equals(id)).findFirst().orElseThrow();
        assertThat(message.getApplicationId()).isEqualTo(devApplicationId);
        assertThat(message.getContent()).isEqualTo(new TextContent("hello"));
        var request = records.stream().filter(r -> r.value().getMessageId().equals(id)).findFirst().orElseThrow();
        assertThat(request.key()).isEqualTo(IGSID);
        assertThat(new String(request.headers().lastHeader(RecordHeaders.ENQUEUED_BY).value(),
                java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("ingress");
        var statuses = stack.readAll(Topics.MESSAGE_STATUS.name(PREFIX), new StringDeserializer(),
                serdes.deserializer(MessageStatus.class), 1, Duration.ofSeconds(20));
        assertThat(statuses).anySatisfy(r -> {
            assertThat(r.value().getMessageId()).isEqualTo(id);
            assertThat(r.value().getStatus()).isEqualTo(DeliveryState.ENQUEUED);
        });
        HttpResponse<String> status = call("GET", "/v1/communication/instagram/message/" + id, null,
                Map.of("x-api-key", DEV_KEY));
        assertThat(new JsonObject(status.body()).getString("status")).isEqualTo("enqueued");
    }

    @Test
    void shouldAnswerEachRefusalInTheErrorShape() throws Exception {
        processor.window(IGSID, CHANNEL, "OPEN");
        processor.window("777", CHANNEL, "CLOSED");
        Map<String, String> key = Map.of("x-api-key", DEV_KEY);

        HttpResponse<String> invalid = send("{\"from\":\"acme.store\",\"to\":\"abc\",\"content\":{\"text\":\"x\"}}", key);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(invalid.body()).getString("errorMessage")).startsWith("to:");
        assertThat(send(text("x"), Map.of()).statusCode()).isEqualTo(401);
        HttpResponse<String> unknown = send("{\"from\":\"@nobody\",\"to\":\"1\",\"content\":{\"text\":\"x\"}}", key);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(errorCode(unknown)).isEqualTo("CHANNEL_NOT_FOUND");
        HttpResponse<String> never = send("{\"from\":\"acme.store\",\"to\":\"999\",\"content\":{\"text\":\"x\"}}", key);
        assertThat(never.statusCode()).isEqualTo(422);
        assertThat(errorCode(never)).isEqualTo("NO_CONVERSATION");
        HttpResponse<String> closed = send("{\"from\":\"acme.store\",\"to\":\"777\",\"content\":{\"text\":\"x\"}}", key);
        assertThat(closed.statusCode()).isEqualTo(422);
        assertThat(errorCode(closed)).isEqualTo("WINDOW_CLOSED");
    }

    @Test
    void shouldEnqueueAnIdempotentRepeatOnlyOnce() throws Exception {
        processor.window(IGSID, CHANNEL, "OPEN");
        Map<String, String> headers = Map.of("x-api-key", DEV_KEY, "Idempotency-Key", "it-once");

        HttpResponse<String> first = send(text("once"), headers);
        HttpResponse<String> repeat = send(text("once"), headers);

        assertThat(repeat.body()).isEqualTo(first.body());
        var records = stack.readAll(Topics.OUTBOUND_REQUESTS.name(PREFIX), new StringDeserializer(),
                serdes.deserializer(OutboundMessage.class), 1, Duration.ofSeconds(20));
        assertThat(records.stream().filter(r -> "it-once".equals(r.value().getIdempotencyKey()))).hasSize(1);
    }

    @Test
    void shouldLimitAKeyToItsApplicationsRate() throws Exception {
        int limited = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 4; i++) {
            last = call("GET", "/v1/channels", null, Map.of("x-api-key", limitedKey));
            limited += last.statusCode() == 429 ? 1 : 0;
        }

        assertThat(limited).isGreaterThanOrEqualTo(1);
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        assertThat(errorCode(last)).isEqualTo("RATE_LIMITED");
    }

    @Test
    void shouldListTheSeededChannelWithoutItsToken() throws Exception {
        HttpResponse<String> response = call("GET", "/v1/channels/" + CHANNEL, null, Map.of("x-api-key", DEV_KEY));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getString("username")).isEqualTo("Acme.Store");
        assertThat(response.body()).doesNotContain("token\"").doesNotContain("ciphertext");
    }

    @Test
    void shouldPutAnErasureRequestOnTheDeletionsTopic() throws Exception {
        processor.window(IGSID, CHANNEL, "OPEN");

        HttpResponse<String> response = call("DELETE", "/v1/communication/instagram/contacts/" + IGSID, null,
                Map.of("x-api-key", DEV_KEY));

        assertThat(response.statusCode()).isEqualTo(202);
        String code = new JsonObject(response.body()).getString("confirmationCode");
        var records = stack.readAll(Topics.DELETIONS.name(PREFIX), new StringDeserializer(),
                serdes.deserializer(DeletionRequest.class), 1, Duration.ofSeconds(20));
        assertThat(records).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo(code);
            assertThat(r.value().getSubjectId()).isEqualTo(IGSID);
        });
    }

    @Test
    void shouldCreateAnApplicationThroughTheAdminEndpointWhoseKeyWorksAndIsOnTheTopic() throws Exception {
        assertThat(call("POST", "/admin/applications", "{\"name\":\"it-app\"}", Map.of()).statusCode())
                .as("without ADMIN_TOKEN").isEqualTo(401);
        assertThat(call("POST", "/admin/applications", "{\"name\":\"it-app\"}", Map.of("authorization",
                "Bearer wrong-token-0123456789abcdef")).statusCode()).as("with a wrong token").isEqualTo(401);
        HttpResponse<String> created = call("POST", "/admin/applications", "{\"name\":\"it-app\"}", ADMIN);

        assertThat(created.statusCode()).isEqualTo(201);
        JsonObject body = new JsonObject(created.body());
        assertThat(call("GET", "/v1/channels", null, Map.of("x-api-key", body.getString("apiKey"))).statusCode())
                .isEqualTo(200);
        var records = stack.readAll(Topics.APPLICATIONS.name(PREFIX), new StringDeserializer(),
                serdes.deserializer(Application.class), 2, Duration.ofSeconds(20));
        assertThat(records).anySatisfy(r -> assertThat(r.key()).isEqualTo(body.getString("applicationId")));

        HttpResponse<String> rotated = call("POST", "/admin/applications/" + body.getString("applicationId")
                + "/keys", "{\"overlapSeconds\":0}", ADMIN);
        assertThat(rotated.statusCode()).isEqualTo(200);
        assertThat(call("GET", "/v1/channels", null, Map.of("x-api-key", body.getString("apiKey"))).statusCode())
                .isEqualTo(401);
    }

    @Test
    void shouldServeTheOpenApiDocument() throws Exception {
        HttpResponse<String> response = call("GET", "/v1/openapi.yaml", null, Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("/communication/instagram/message");
    }
}
