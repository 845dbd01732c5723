package io.igrelay.ingress.appwebhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import io.igrelay.avro.HubEventType;
import io.igrelay.avro.Webhook;
import io.igrelay.avro.WebhookAttempt;
import io.igrelay.avro.WebhookEvent;
import io.igrelay.avro.WebhookEventType;
import io.igrelay.avro.WebhookRegistration;
import io.igrelay.ingress.api.ApiErrorHandler;
import io.igrelay.schemas.config.EnvReader;
import io.igrelay.schemas.config.KafkaSettings;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.schemas.topics.Topics;
import io.igrelay.schemas.webhooks.AttemptLogCodec;
import io.igrelay.schemas.webhooks.CommandCodec;
import io.igrelay.testkit.KafkaStack;
import io.igrelay.testkit.KafkaStackExtension;
import io.igrelay.testkit.ServiceEnvironment;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
    private KafkaSettings kafka;
    private TokenCipher cipher;
    private Vertx vertx;
    private WebhookModule module;
    private HttpServer api;
    private HttpServer endpoint;
    private ResponseValidator contract;

    @BeforeAll
    void start(KafkaStack stack) {
        this.stack = stack;
        prefix = "hookit" + Long.toHexString(System.nanoTime() & 0xffffff) + ".";
        Map<String, String> env = ServiceEnvironment.base(stack, prefix);
        kafka = KafkaSettings.read(new EnvReader(env));
        stack.createTopic(Topics.WEBHOOKS.name(prefix), 2, Map.of());
        stack.createTopic(Topics.WEBHOOK_EVENTS.name(prefix), 2, Map.of());
        cipher = TokenCipher.parse(ServiceEnvironment.TEST_TOKEN_KEYS);
        vertx = Vertx.vertx();
        endpoint = vertx.createHttpServer().requestHandler(receiver()).listen(0, "127.0.0.1").await();
        module = newModule(tempDir());
        api = serve(module);
        contract = ResponseValidator.create(vertx, OpenAPIContract.from(vertx, "igrelay/openapi.yaml").await());
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("igrelay-hooks-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The key check in front of /v1 (as the hub API's): {@code key-<app>} names the Application. */
    private final ApplicationAuthenticator auth = ApplicationAuthenticator.of(ctx -> {
        String key = ctx.request().getHeader("x-api-key");
        if (key == null || !key.startsWith("key-")) {
            ctx.fail(401);
            return;
        }
        ctx.put("app", key.substring(4));
        ctx.next();
    }, ctx -> Optional.ofNullable(ctx.get("app")));

    /** A webhook module as the ingress runs it, reading its views from the topics into its store in {@code dir}. */
    private WebhookModule newModule(Path dir) {
        WebhookModule started = new WebhookModule(vertx, kafka, stack.serdes(), cipher, auth,
                Clock.systemUTC(), dir);
        started.start().await();
        return started;
    }

    /** The module's handlers on the routes of docs/openapi.yaml, validated first, as the hub API serves them. */
    private HttpServer serve(WebhookModule hooks) {
        RouterBuilder builder = RouterBuilder.create(vertx, OpenAPIContract.from(vertx, "igrelay/openapi.yaml")
                .await(), RequestExtractor.withBodyHandler());
        builder.rootHandler(BodyHandler.create(false));
        builder.getRoutes().forEach(route -> route.setDoSecurity(false));
        hooks.attach(builder);
        builder.getRoutes().stream().filter(route -> route.getHandlers().isEmpty())
                .forEach(route -> route.addHandler(ctx -> ctx.fail(501)));
        Router api = builder.createRouter();
        api.route().failureHandler(new ApiErrorHandler()::handle);
        Router router = Router.router(vertx);
        router.route("/v1/*").handler(auth::handle).failureHandler(new ApiErrorHandler()::handle);
        router.route("/v1/*").subRouter(api);
        return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
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
                new CommandCodec(stack.serdes())::decode, 1, Duration.ofSeconds(20));
        assertThat(commands).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo(id);
            assertThat(r.value().getType()).isEqualTo("REPLAY");
            assertThat(r.value().getWebhookId()).isEqualTo(id);
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

    @Test
    void shouldFollowAReplayJobAtItsLocationFromPendingToDone() throws Exception {
        String app = UUID.randomUUID().toString();
        String id = new JsonObject(call("POST", "", app, registration("/echo", "Message")).body()).getString("id");
        HttpResponse<String> accepted = call("POST", "/" + id + "/webhook-log/replay", app,
                new JsonObject().put("from", "2026-11-01T00:00:00Z").put("status", "Failed"));
        assertDocumented("replayWebhookLog", accepted, 202);
        String jobId = new JsonObject(accepted.body()).getString("jobId");
        String location = accepted.headers().firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo(WebhookRoutes.BASE + "/" + id + "/webhook-log/replay/" + jobId);
        assertThat(new JsonObject(accepted.body()).getString("statusUrl")).isEqualTo(location);

        String path = location.substring(WebhookRoutes.BASE.length());
        HttpResponse<String> pending = call("GET", path, app, null);
        assertDocumented("getWebhookReplayJob", pending, 200);
        JsonObject job = new JsonObject(pending.body());
        assertThat(job.getString("state")).isEqualTo("pending");
        assertThat(job.getJsonObject("filter").getString("from")).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(job.getJsonObject("filter").getString("status")).isEqualTo("Failed");

        progress(jobId, id, app, "running", 5, 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> new JsonObject(call("GET", path, app, null).body())
                .getInteger("queued") == 2);
        progress(jobId, id, app, "done", 5, 5);
        await().atMost(Duration.ofSeconds(20)).until(() -> "done".equals(new JsonObject(
                call("GET", path, app, null).body()).getString("state")));
        HttpResponse<String> done = call("GET", path, app, null);
        assertDocumented("getWebhookReplayJob", done, 200);
        assertThat(new JsonObject(done.body()).getInteger("matched")).isEqualTo(5);
        assertThat(new JsonObject(done.body()).getInteger("queued")).isEqualTo(5);

        assertDocumented("getWebhookReplayJob", call("GET", "/" + id + "/webhook-log/replay/nope", app, null), 404);
        assertThat(call("GET", path, "intruder", null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/" + id + "/webhook-log/retry/" + jobId, app, null).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldFollowARetryJobAtItsLocation() throws Exception {
        String app = UUID.randomUUID().toString();
        String id = new JsonObject(call("POST", "", app, registration("/echo", "Message")).body()).getString("id");
        HttpResponse<String> accepted = call("POST", "/" + id + "/webhook-log/retry", app,
                new JsonObject().put("webhookLogIds", new io.vertx.core.json.JsonArray().add("unknown")));
        assertDocumented("retryWebhookAttempts", accepted, 202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/webhook-log/retry/");
        HttpResponse<String> job = call("GET", location.substring(WebhookRoutes.BASE.length()), app, null);
        assertDocumented("getWebhookRetryJob", job, 200);
        assertThat(new JsonObject(job.body()).getInteger("requested")).isZero();
    }

    @Test
    void shouldRefuseAReplayWindowThatEndsBeforeItStarts() throws Exception {
        String app = UUID.randomUUID().toString();
        String id = new JsonObject(call("POST", "", app, registration("/echo", "Message")).body()).getString("id");
        assertDocumented("replayWebhookLog", call("POST", "/" + id + "/webhook-log/replay", app,
                new JsonObject().put("from", "2026-11-02T00:00:00Z").put("to", "2026-11-01T00:00:00Z")), 400);
    }

    @Test
    void shouldStillServeTheAttemptLogAndJobsAfterARestart() throws Exception {
        String app = UUID.randomUUID().toString();
        String id = UUID.randomUUID().toString();
        seedWebhook(id, app); // as the processor folds it into hub.webhooks
        Path storeDir = tempDir();
        WebhookModule before = newModule(storeDir);
        HttpServer beforeApi = serve(before);
        String jobId;
        try {
            logRow(id, app, id + "-a", "m-restart", "Failed", "2026-11-23T09:00:00Z");
            logRow(id, app, id + "-b", "m-restart", "Success", "2026-11-23T09:00:05Z");
            await().atMost(Duration.ofSeconds(20)).until(() -> new JsonObject(call(beforeApi, "GET",
                    "/" + id + "/webhook-log", app, null).body()).getJsonArray("data").size() == 2);
            HttpResponse<String> replay = call(beforeApi, "POST", "/" + id + "/webhook-log/replay", app, null);
            assertThat(replay.statusCode()).isEqualTo(202);
            jobId = new JsonObject(replay.body()).getString("jobId");
        } finally {
            before.close();
            beforeApi.close().await();
        }

        // a restart resumes its store; a new replica (an empty store) rebuilds it from the topics: both answer
        for (Path dir : List.of(storeDir, tempDir())) {
            WebhookModule after = newModule(dir);
            HttpServer afterApi = serve(after);
            try {
                HttpResponse<String> log = call(afterApi, "GET", "/" + id + "/webhook-log", app, null);
                assertDocumented("listWebhookLog", log, 200);
                assertThat(new JsonObject(log.body()).getJsonArray("data")).extracting(r -> ((JsonObject) r)
                        .getString("id")).containsExactly(id + "-b", id + "-a");
                JsonObject job = new JsonObject(call(afterApi, "GET", "/" + id + "/webhook-log/replay/" + jobId, app,
                        null).body());
                assertThat(job.getString("state")).isEqualTo("pending");
                assertThat(call(afterApi, "POST", "/" + id + "/webhook-log/" + id + "-a/retry", app, null)
                        .statusCode()).isEqualTo(202);
            } finally {
                after.close();
                afterApi.close().await();
            }
        }
    }

    private void assertDocumented(String operationId, HttpResponse<String> response, int expectedStatus) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        ValidatableResponse validatable = ValidatableResponse.create(response.statusCode(), Map.of(),
                Buffer.buffer(response.body()), "application/json");
        assertThatCode(() -> contract.validate(validatable, operationId).await()).as(response.body())
                .doesNotThrowAnyException();
    }

    private void seedWebhook(String id, String app) throws Exception {
        Instant now = Instant.now();
        Webhook webhook = Webhook.newBuilder().setWebhookId(id).setApplicationId(app)
                .setRegistration(WebhookRegistration.newBuilder().setLabel("restart")
                        .setEndpoint("http://127.0.0.1:" + endpoint.actualPort() + "/echo")
                        .setEventType(HubEventType.Message).build())
                .setSecrets(List.of()).setVerified(true).setVerifiedAt(now).setEnabled(true)
                .setCreatedAt(now).setUpdatedAt(now).build();
        try (var avro = stack.producer(new StringSerializer(), stack.serdes().serializer())) {
            avro.send(new ProducerRecord<>(Topics.WEBHOOKS.name(prefix), id, webhook)).get();
        }
    }

    private void logRow(String webhookId, String app, String logId, String messageId, String status, String at)
            throws Exception {
        // as the dispatcher writes it now (Avro); shouldFilterAndPaginateTheAttemptLog writes the JSON lines before
        WebhookAttempt row = WebhookAttempt.newBuilder().setId(logId).setWebhookId(webhookId).setApplicationId(app)
                .setEventId("e-" + messageId).setEventType("Message").setMessageId(messageId).setAttempt(1)
                .setStatusCode(status.equals("Success") ? 200 : 500).setDurationMs(12)
                .setErrorClass(status.equals("Success") ? null : "HTTP_STATUS").setResponseBody("x")
                .setSuccess(status.equals("Success")).setSendAt(Instant.parse(at)).build();
        String topic = prefix + "hub.webhook.log";
        try (var bytes = stack.producer(new StringSerializer(), new ByteArraySerializer())) {
            bytes.send(new ProducerRecord<>(topic, webhookId, new AttemptLogCodec(stack.serdes()).encode(topic, row)))
                    .get();
        }
    }

    /** What the dispatcher's JobReports writes to hub.webhook.jobs. */
    private void progress(String jobId, String webhookId, String app, String state, int matched, int queued)
            throws Exception {
        JsonObject record = new JsonObject().put("jobId", jobId).put("type", "REPLAY").put("webhookId", webhookId)
                .put("applicationId", app).put("from", "2026-11-01T00:00:00Z").put("to", Instant.now().toString())
                .put("status", "Failed").put("state", state).put("matched", matched).put("queued", queued)
                .put("startedAt", Instant.now().toString()).put("updatedAt", Instant.now().toString());
        try (var bytes = stack.producer(new StringSerializer(), new ByteArraySerializer())) {
            bytes.send(new ProducerRecord<>(prefix + "hub.webhook.jobs", jobId, record.toBuffer().getBytes())).get();
        }
    }

    private JsonObject registration(String path, String eventType) {
        return new JsonObject().put("label", "it").put("eventType", eventType)
                .put("endpoint", "http://127.0.0.1:" + endpoint.actualPort() + path);
    }

    private HttpResponse<String> call(String method, String path, String app, JsonObject body) throws Exception {
        return call(api, method, path, app, body);
    }

    private HttpResponse<String> call(HttpServer server, String method, String path, String app, JsonObject body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort()
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
