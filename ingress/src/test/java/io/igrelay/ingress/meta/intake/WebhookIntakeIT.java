package io.igrelay.ingress.meta.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.SigningApp;
import io.igrelay.avro.WebhookDelivery;
import io.igrelay.ingress.IngressService;
import io.igrelay.ingress.config.IngressConfig;
import io.igrelay.ingress.meta.WebhookSignature;
import io.igrelay.ingress.support.Fixtures;
import io.igrelay.ingress.support.Http;
import io.igrelay.schemas.config.Secret;
import io.igrelay.testkit.FreePorts;
import io.igrelay.testkit.KafkaStack;
import io.igrelay.testkit.KafkaStackExtension;
import io.igrelay.testkit.ServiceEnvironment;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Meta's webhook endpoint against the real broker and registry: signed deliveries land byte for byte on
 * ig.webhooks.raw (the fixtures' own signatures, escaped unicode included); forged, unsigned, oversized and
 * wrongly-typed requests are refused and write nothing; signed non-JSON is kept and flagged malformed.
 */
@ExtendWith(KafkaStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookIntakeIT {

    private static final Secret INSTAGRAM_SECRET = new Secret("test-instagram-secret");

    private KafkaStack stack;
    private IngressService service;
    private String url;
    private String topic;

    @BeforeAll
    void start(KafkaStack stack) throws Exception {
        this.stack = stack;
        String prefix = "intake-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        Map<String, String> env = ServiceEnvironment.base(stack, prefix);
        env.put("META_APP_SECRET", Fixtures.APP_SECRET);
        env.put("INGRESS_PORT", Integer.toString(FreePorts.find()));
        env.put("INGRESS_MANAGEMENT_PORT", Integer.toString(FreePorts.find()));
        env.put("INGRESS_SPOOL_DIR", Files.createTempDirectory("intake-spool").toString());
        service = new IngressService(IngressConfig.fromEnv(env)).start();
        url = "http://localhost:" + service.port() + MetaWebhookRoutes.PATH;
        topic = prefix + "ig.webhooks.raw";
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @Test
    void shouldStoreSignedFixturesByteForByteKeyedByTheFirstEntryId() {
        JsonArray examples = Fixtures.json("signature-example.json").getJsonArray("examples");
        for (Object o : examples) {
            JsonObject example = (JsonObject) o;
            byte[] body = Fixtures.bytes(example.getString("file"));
            var response = post(body, example.getString("header_value"));
            assertThat(response.statusCode()).as(example.getString("file")).isEqualTo(200);
        }

        for (Object o : examples) {
            byte[] body = Fixtures.bytes(((JsonObject) o).getString("file"));
            ConsumerRecord<String, WebhookDelivery> record = find(body);
            assertThat(record.key()).isEqualTo("17841463920184527");
            WebhookDelivery delivery = record.value();
            assertThat(bytes(delivery.getBody())).isEqualTo(body);
            assertThat(delivery.getSignedWith()).isEqualTo(SigningApp.META_APP);
            assertThat(delivery.getMalformed()).isFalse();
            assertThat(delivery.getSpooled()).isFalse();
            assertThat(delivery.getHeaders()).containsKey("x-hub-signature-256");
        }
    }

    @Test
    void shouldAcceptADeliverySignedWithTheInstagramAppSecret() {
        byte[] body = Fixtures.bytes("webhook-postback.json");
        assertThat(post(body, WebhookSignature.headerFor(INSTAGRAM_SECRET, body)).statusCode()).isEqualTo(200);
        assertThat(find(body).value().getSignedWith()).isEqualTo(SigningApp.INSTAGRAM_APP);
    }

    @Test
    void shouldRefuseForgedUnsignedAndReserialisedDeliveriesAndWriteNothing() {
        byte[] forged = marked("forged");
        byte[] unsigned = marked("unsigned");
        byte[] reserialised = Fixtures.bytes("webhook-message-text.json");
        String counterExample = Fixtures.json("signature-example.json").getJsonArray("counter_examples")
                .getJsonObject(0).getString("header_value");

        assertThat(post(forged, WebhookSignature.headerFor(new Secret("not-the-secret"), forged)).statusCode())
                .isEqualTo(401);
        assertThat(post(unsigned, null).statusCode()).isEqualTo(401);
        assertThat(post(reserialised, counterExample).statusCode()).isEqualTo(401);
        assertThat(post(forged, "sha256=zz").statusCode()).isEqualTo(401);

        byte[] fence = marked("fence");
        assertThat(post(fence, sign(fence)).statusCode()).isEqualTo(200);
        List<ConsumerRecord<String, WebhookDelivery>> all = readUntil(fence);
        assertThat(all).noneMatch(r -> Arrays.equals(bytes(r.value().getBody()), forged)
                || Arrays.equals(bytes(r.value().getBody()), unsigned));
    }

    @Test
    void shouldRefuseABodyOverFourMebibytesWith413() {
        byte[] big = new byte[MetaWebhookRoutes.MAX_BODY_BYTES + 1];
        Arrays.fill(big, (byte) ' ');
        var response = post(big, sign(big));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("INVALID_PAYLOAD");
    }

    @Test
    void shouldAcceptABodyOfExactlyFourMebibytes() {
        byte[] prefix = "{\"object\":\"instagram\",\"entry\":[{\"id\":\"4194304\"}],\"pad\":\"".getBytes();
        byte[] body = new byte[MetaWebhookRoutes.MAX_BODY_BYTES];
        Arrays.fill(body, (byte) 'x');
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[body.length - 2] = '"';
        body[body.length - 1] = '}';
        assertThat(post(body, sign(body)).statusCode()).isEqualTo(200);
        assertThat(find(body).key()).isEqualTo("4194304");
    }

    @Test
    void shouldAssembleAChunkedDeliveryFromManyPiecesByteForByte() {
        byte[] head = marked("chunked");
        byte[] body = new byte[256 * 1024];
        Arrays.fill(body, (byte) ' ');
        System.arraycopy(head, 0, body, 0, head.length); // JSON, then whitespace: still one instagram object
        var response = Http.send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .header("Content-Type", "application/json").header("X-Hub-Signature-256", sign(body)).build());
        assertThat(response.statusCode()).isEqualTo(200);
        WebhookDelivery delivery = find(body).value();
        assertThat(bytes(delivery.getBody())).isEqualTo(body);
        assertThat(delivery.getMalformed()).isFalse();
    }

    @Test
    void shouldRefuseAChunkedBodyOverFourMebibytesWith413() {
        byte[] big = new byte[MetaWebhookRoutes.MAX_BODY_BYTES + 1];
        Arrays.fill(big, (byte) ' ');
        var response = Http.send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                .header("Content-Type", "application/json").header("X-Hub-Signature-256", sign(big)).build());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("INVALID_PAYLOAD");
    }

    @Test
    void shouldTakeTheQueryStringAndTrailingSlashSpellingsOfThePath() {
        byte[] withQuery = marked("query");
        byte[] withSlash = marked("slash");
        assertThat(Http.post(url + "?from=meta", withQuery, "Content-Type", "application/json",
                "X-Hub-Signature-256", sign(withQuery)).statusCode()).isEqualTo(200);
        assertThat(Http.post(url + "/", withSlash, "Content-Type", "application/json",
                "X-Hub-Signature-256", sign(withSlash)).statusCode()).isEqualTo(200);
        assertThat(find(withQuery).key()).isEqualTo("17841463920184527");
        assertThat(find(withSlash).key()).isEqualTo("17841463920184527");
    }

    @Test
    void shouldKeepSignedNonInstagramBodiesFlaggedMalformed() {
        byte[] notJson = ("not json at all " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        byte[] otherObject = ("{\"object\":\"page\",\"entry\":[{\"id\":\"42\"}],\"n\":\"" + UUID.randomUUID() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(post(notJson, sign(notJson)).statusCode()).isEqualTo(200);
        assertThat(post(otherObject, sign(otherObject)).statusCode()).isEqualTo(200);
        assertThat(find(notJson).value().getMalformed()).isTrue();
        assertThat(find(otherObject).value().getMalformed()).isTrue();
    }

    @Test
    void shouldAnswerWrongContentTypeWith415AndWrongMethodWith405() {
        byte[] body = marked("typed");
        var wrongType = Http.post(url, body, "Content-Type", "text/plain", "X-Hub-Signature-256", sign(body));
        assertThat(wrongType.statusCode()).isEqualTo(415);
        var put = Http.send(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json").build());
        assertThat(put.statusCode()).isEqualTo(405);
    }

    @Test
    void shouldEchoTheChallengeOnlyForTheRightVerifyToken() {
        var ok = Http.get(url + "?hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=1158201444");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        assertThat(ok.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("text/plain"));
        assertThat(Http.get(url + "?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1").statusCode())
                .isEqualTo(403);
        assertThat(Http.get(url + "?hub.mode=unsubscribe&hub.verify_token=test-verify-token&hub.challenge=1")
                .statusCode()).isEqualTo(403);
    }

    @Test
    void shouldShowSpoolDepthOnReadiness() {
        var ready = Http.get("http://localhost:" + service.port() + "/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(ready.body()).getJsonObject("checks").getJsonObject("spool").getLong("records"))
                .isZero();
    }

    @Test
    void shouldExposeIntakeAndSpoolMetricsOnTheManagementPort() {
        byte[] body = marked("metrics");
        assertThat(post(body, sign(body)).statusCode()).isEqualTo(200);
        String metrics = Http.get("http://localhost:" + service.managementPort() + "/metrics").body();
        assertThat(metrics).contains("igrelay_ingress_webhook_deliveries_total{outcome=\"accepted\",reason=\"kafka\"}")
                .contains("igrelay_ingress_webhook_ack_seconds_bucket")
                .contains("igrelay_ingress_webhook_body_bytes_sum")
                .contains("igrelay_ingress_spool_records")
                .contains("igrelay_ingress_spool_oldest_age_seconds")
                .contains("igrelay_ingress_kafka_breaker_open");
    }

    private java.net.http.HttpResponse<String> post(byte[] body, String signature) {
        return signature == null ? Http.post(url, body, "Content-Type", "application/json")
                : Http.post(url, body, "Content-Type", "application/json", "X-Hub-Signature-256", signature);
    }

    private static String sign(byte[] body) {
        return WebhookSignature.headerFor(new Secret(Fixtures.APP_SECRET), body);
    }

    private static byte[] marked(String what) {
        return ("{\"object\":\"instagram\",\"entry\":[{\"id\":\"17841463920184527\",\"time\":1,\"marker\":\""
                + what + "-" + UUID.randomUUID() + "\"}]}").getBytes(StandardCharsets.UTF_8);
    }

    private ConsumerRecord<String, WebhookDelivery> find(byte[] body) {
        return readUntil(body).stream().filter(r -> Arrays.equals(bytes(r.value().getBody()), body)).findFirst()
                .orElseThrow();
    }

    /** Reads the topic until a record with {@code body} arrived (fails after 30 s). */
    private List<ConsumerRecord<String, WebhookDelivery>> readUntil(byte[] body) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            List<ConsumerRecord<String, WebhookDelivery>> all = stack.readAll(topic, new StringDeserializer(),
                    stack.serdes().deserializer(WebhookDelivery.class), 1, Duration.ofSeconds(10));
            if (all.stream().anyMatch(r -> Arrays.equals(bytes(r.value().getBody()), body))
                    || System.nanoTime() > deadline) {
                return all;
            }
        }
    }

    static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
