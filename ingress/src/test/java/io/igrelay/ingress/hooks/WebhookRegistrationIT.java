package io.igrelay.ingress.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.WebhookEvent;
import io.igrelay.avro.WebhookEventType;
import io.igrelay.schemas.config.EnvReader;
import io.igrelay.schemas.config.KafkaSettings;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.schemas.topics.Topics;
import io.igrelay.testkit.KafkaStack;
import io.igrelay.testkit.KafkaStackExtension;
import io.igrelay.testkit.ServiceEnvironment;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The registration API on the real broker and registry, against a real receiving HTTP server. */
@ExtendWith(KafkaStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookRegistrationIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<String[]> received = new CopyOnWriteArrayList<>();
    private KafkaStack stack;
    private String prefix;
    private TokenCipher cipher;
    private Vertx vertx;
    private WebhookModule module;
    private HttpServer api;
    private HttpServer endpoint;

    @BeforeAll
    void start(KafkaStack stack) {
        this.stack = stack;
        prefix = "hookit" + Long.toHexString(System.nanoTime() & 0xffffff) + ".";
        Map<String, String> env = ServiceEnvironment.base(stack, prefix);
        KafkaSettings kafka = KafkaSettings.read(new EnvReader(env));
        stack.createTopic(Topics.WEBHOOKS.name(prefix), 2, Map.of());
        stack.createTopic(Topics.WEBHOOK_EVENTS.name(prefix), 2, Map.of());
        cipher = TokenCipher.parse(ServiceEnvironment.TEST_TOKEN_KEYS);
        vertx = Vertx.vertx();
        endpoint = vertx.createHttpServer().requestHandler(receiver()).listen(0, "127.0.0.1").await();
        ApplicationAuthenticator auth = ApplicationAuthenticator.of(ctx -> {
            String key = ctx.request().getHeader("x-api-key");
            if (key == null || !key.startsWith("key-")) {
                ctx.fail(401);
                return;
            }
            ctx.put("app", key.substring(4));
            ctx.next();
        }, ctx -> Optional.ofNullable(ctx.get("app")));
        module = new WebhookModule(vertx, kafka, stack.serdes(), cipher, auth,
                ctx -> ctx.response().setStatusCode(ctx.statusCode() > 0 ? ctx.statusCode() : 500).end(),
                Clock.systemUTC());
        module.start().await();
        Router router = Router.router(vertx);
        module.mount(router);
        api = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    }

    private Router receiver() {
        Router r = Router.router(vertx);
        r.route().handler(BodyHandler.create());
        r.post("/echo").handler(ctx -> {
            String token = ctx.request().getHeader("X-Validation-Token");
            if (token != null) {
                ctx.response().putHeader("content-type", "application/json").end(Json.encode(token));
                return;
            }
            received.add(new String[] {ctx.body().asString(), ctx.request().getHeader("X-hub-Signature")});
            ctx.response().end();
        });
        r.post("/plain").handler(ctx -> ctx.response().end(String.valueOf(
                ctx.request().getHeader("X-Validation-Token"))));
        return r;
    }

    @AfterAll
    void stop() {
        if (module != null) {
            module.close();
        }
        if (vertx != null) {
            vertx.close().await();
        }
    }

    @Test
    void shouldRegisterVerifyAndShowTheSecretOnlyOnce() throws Exception {
        String app = UUID.randomUUID().toString();
        HttpResponse<String> created = call("POST", "", app, registration("/echo", "Message"));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonObject body = new JsonObject(created.body());
        assertThat(body.getBoolean("isVerified")).isTrue();
        assertThat(body.getBoolean("requiresSignature")).isTrue();
        assertThat(body.getString("signingSecret")).startsWith("whsec_");
        String id = body.getString("id");

        JsonObject read = new JsonObject(call("GET", "/" + id, app, null).body());
        assertThat(read.getBoolean("isVerified")).isTrue();
        assertThat(read.containsKey("signingSecret")).isFalse();
        assertThat(read.encode()).doesNotContain(body.getString("signingSecret"));

        var events = stack.readAll(Topics.WEBHOOK_EVENTS.name(prefix), new StringDeserializer(),
                stack.serdes().deserializer(WebhookEvent.class), 2, Duration.ofSeconds(20)).stream()
                .filter(r -> id.equals(r.key())).map(r -> r.value()).toList();
        assertThat(events).extracting(WebhookEvent::getType)
                .containsExactly(WebhookEventType.REGISTERED, WebhookEventType.VERIFIED);
        assertThat(cipher.decrypt(events.get(0).getSecret())).isEqualTo(body.getString("signingSecret"));
    }

    @Test
    void shouldStayUnverifiedWhenTheTokenIsNotEchoedAsAJsonString() throws Exception {
        String app = UUID.randomUUID().toString();
        JsonObject body = new JsonObject(call("POST", "", app, registration("/plain", "Message")).body());
        assertThat(body.getBoolean("isVerified")).isFalse();
    }

    @Test
    void shouldRefusePlainHttpAndPrivateAddresses() throws Exception {
        String app = UUID.randomUUID().toString();
        JsonObject http = new JsonObject().put("label", "x").put("eventType", "Message")
                .put("endpoint", "http://example.com/hook");
        assertThat(call("POST", "", app, http).statusCode()).isEqualTo(400);
        JsonObject privateAddress = http.copy().put("endpoint", "https://10.1.2.3/hook");
        HttpResponse<String> refused = call("POST", "", app, privateAddress);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(refused.body()).getString("errorMessage")).contains("public address");
        JsonObject metadata = http.copy().put("endpoint", "https://169.254.169.254/latest/meta-data");
        assertThat(call("POST", "", app, metadata).statusCode()).isEqualTo(400);
    }

    @Test
    void shouldSignTheTestEventWithBothSecretsAfterRotation() throws Exception {
        String app = UUID.randomUUID().toString();
        JsonObject created = new JsonObject(call("POST", "", app, registration("/echo", "MessageStatus")).body());
        String id = created.getString("id");
        String oldSecret = created.getString("signingSecret");
        HttpResponse<String> rotated = call("POST", "/" + id + "/signature/rotate", app,
                new JsonObject().put("overlapHours", 24));
        assertThat(rotated.statusCode()).isEqualTo(200);
        String newSecret = new JsonObject(rotated.body()).getString("signingSecret");
        assertThat(newSecret).isNotEqualTo(oldSecret);

        received.clear();
        HttpResponse<String> test = call("POST", "/" + id + "/test", app, null);
        assertThat(new JsonObject(test.body()).getBoolean("success")).isTrue();
        String[] delivery = received.get(0);
        assertThat(new JsonObject(delivery[0]).getBoolean("test")).isTrue();
        String[] parts = delivery[1].split(",");
        long t = Long.parseLong(parts[0].substring(2));
        assertThat(parts).hasSize(3);
        assertThat(parts[1]).isEqualTo("v1=" + hmac(newSecret, t + "." + delivery[0]));
        assertThat(parts[2]).isEqualTo("v1=" + hmac(oldSecret, t + "." + delivery[0]));
    }

    @Test
    void shouldHideAnotherApplicationsWebhook() throws Exception {
        String id = new JsonObject(call("POST", "", "owner-" + UUID.randomUUID(),
                registration("/echo", "Message")).body()).getString("id");
        assertThat(call("GET", "/" + id, "intruder", null).statusCode()).isEqualTo(404);
        assertThat(call("DELETE", "/" + id, "intruder", null).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldPaginateTheList() throws Exception {
        String app = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            call("POST", "", app, registration("/echo", "Message"));
        }
        JsonObject page = new JsonObject(call("GET", "?limit=2", app, null).body());
        assertThat(page.getJsonArray("data")).hasSize(2);
        assertThat(page.getJsonObject("pagination").getInteger("total")).isEqualTo(3);
        assertThat(page.getJsonObject("pagination").getInteger("totalPages")).isEqualTo(2);
        assertThat(call("GET", "?limit=51", app, null).statusCode()).isEqualTo(400);
    }

    @Test
    void shouldRefuseUnsupportedAuthenticationProtocols() throws Exception {
        JsonObject body = registration("/echo", "Message").put("authenticationProtocol", "OAuth2");
        HttpResponse<String> answer = call("POST", "", "a", body);
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("not supported yet");
    }

    @Test
    void shouldDeleteAndThenAnswerNotFound() throws Exception {
        String app = UUID.randomUUID().toString();
        String id = new JsonObject(call("POST", "", app, registration("/echo", "Message")).body()).getString("id");
        assertThat(call("DELETE", "/" + id, app, null).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/" + id, app, null).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldQueueAManualRetryForTheDispatcher() throws Exception {
        String app = UUID.randomUUID().toString();
        String id = new JsonObject(call("POST", "", app, registration("/echo", "Message")).body()).getString("id");
        HttpResponse<String> replay = call("POST", "/" + id + "/webhook-log/replay", app,
                new JsonObject().put("from", "2026-01-01T00:00:00Z").put("status", "Failed"));
        assertThat(replay.statusCode()).isEqualTo(202);
        var commands = stack.readAll(prefix + "hub.webhook.commands", new StringDeserializer(),
                new ByteArrayDeserializer(), 1, Duration.ofSeconds(20));
        assertThat(commands).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo(id);
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains("\"type\":\"REPLAY\"");
        });
    }

    @Test
    void shouldFilterAndPaginateTheAttemptLog() throws Exception {
        String app = UUID.randomUUID().toString();
        String id = new JsonObject(call("POST", "", app, registration("/echo", "Message")).body()).getString("id");
        try (var log = stack.producer(new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            String[][] rows = {{"l1", "m1", "Success", "2026-11-23T10:00:00Z"},
                    {"l2", "m2", "Failed", "2026-11-23T10:01:00Z"}, {"l3", "m2", "Failed", "2026-11-23T10:02:00Z"}};
            for (String[] r : rows) {
                JsonObject row = new JsonObject().put("id", id + r[0]).put("webhookId", id).put("applicationId", app)
                        .put("eventId", "e-" + r[1]).put("eventType", "Message").put("messageId", r[1])
                        .put("attempt", 1).put("statusCode", r[2].equals("Success") ? 200 : 500)
                        .put("durationMs", 12).put("status", r[2]).put("sendAt", r[3]).put("responseBody", "x");
                log.send(new org.apache.kafka.clients.producer.ProducerRecord<>(prefix + "hub.webhook.log", id,
                        row.toBuffer().getBytes())).get();
            }
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> new JsonObject(
                call("GET", "/" + id + "/webhook-log", app, null).body()).getJsonArray("data").size() == 3);
        JsonObject failed = new JsonObject(call("GET", "/" + id + "/webhook-log?status=Failed&limit=1", app, null)
                .body());
        assertThat(failed.getJsonObject("pagination").getInteger("total")).isEqualTo(2);
        assertThat(failed.getJsonArray("data").getJsonObject(0).getString("id")).isEqualTo(id + "l3");
        JsonObject byMessage = new JsonObject(call("GET", "/" + id + "/webhook-log?messageId=m1", app, null).body());
        assertThat(byMessage.getJsonArray("data")).hasSize(1);
        JsonObject window = new JsonObject(call("GET", "/" + id
                + "/webhook-log?from=2026-11-23T10:00:30Z&to=2026-11-23T10:01:30Z", app, null).body());
        assertThat(window.getJsonArray("data")).hasSize(1);
        assertThat(call("POST", "/" + id + "/webhook-log/" + id + "l2/retry", app, null).statusCode())
                .isEqualTo(202);
        assertThat(call("POST", "/" + id + "/webhook-log/nope/retry", app, null).statusCode()).isEqualTo(404);
    }

    private JsonObject registration(String path, String eventType) {
        return new JsonObject().put("label", "it").put("eventType", eventType)
                .put("endpoint", "http://127.0.0.1:" + endpoint.actualPort() + path);
    }

    private HttpResponse<String> call(String method, String path, String app, JsonObject body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.actualPort()
                        + WebhookRoutes.BASE + path)).header("x-api-key", "key-" + app)
                .timeout(Duration.ofSeconds(20));
        if (body != null) {
            b.header("content-type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.encode()));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String hmac(String secret, String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }
}
