package io.igrelay.ingress.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.ChannelEventType;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.DeletionRequest;
import io.igrelay.avro.DeletionState;
import io.igrelay.avro.DeletionStatus;
import io.igrelay.avro.DeletionSubject;
import io.igrelay.avro.Flavour;
import io.igrelay.ingress.IngressService;
import io.igrelay.ingress.config.IngressConfig;
import io.igrelay.ingress.support.Fixtures;
import io.igrelay.ingress.support.Http;
import io.igrelay.testkit.FreePorts;
import io.igrelay.testkit.KafkaStack;
import io.igrelay.testkit.KafkaStackExtension;
import io.igrelay.testkit.ServiceEnvironment;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Meta's data-deletion and deauthorize callbacks against the real broker, with the fixture's signed_request and a
 * clock fixed just after its issued_at: the deletion is written and its status page follows ig.deletion.status;
 * deauthorize disconnects the user's channels; badly signed or malformed signed_requests get 400 and write nothing;
 * the operator's import of Meta's deletion list writes one request per id, once.
 */
@ExtendWith(KafkaStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetaCallbacksIT {

    private static final String USER = "10223344556677889";
    private static final Instant ISSUED = Instant.ofEpochSecond(1763900000L);

    private KafkaStack stack;
    private IngressService service;
    private String base;
    private String prefix;

    @BeforeAll
    void start(KafkaStack stack) throws Exception {
        this.stack = stack;
        prefix = "callbacks-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        Map<String, String> env = ServiceEnvironment.base(stack, prefix);
        env.put("META_APP_SECRET", Fixtures.APP_SECRET);
        env.put("INGRESS_PORT", Integer.toString(FreePorts.find()));
        env.put("INGRESS_MANAGEMENT_PORT", Integer.toString(FreePorts.find()));
        env.put("INGRESS_SPOOL_DIR", Files.createTempDirectory("callbacks-spool").toString());
        env.put("PUBLIC_BASE_URL", "https://hub.example");
        env.put("SIGNED_REQUEST_MAX_AGE", "10m");
        service = new IngressService(IngressConfig.fromEnv(env),
                Clock.fixed(ISSUED.plusSeconds(90), ZoneOffset.UTC)).start();
        base = "http://localhost:" + service.port();
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @Test
    void shouldAnswerMetaWithAStatusUrlAndWriteTheDeletionRequest() {
        var response = postForm("/meta/data-deletion", Fixtures.json("signed-request-deletion.json")
                .getJsonObject("request").getString("form_body"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject answer = new JsonObject(response.body());
        String code = answer.getString("confirmation_code");
        assertThat(code).matches("[0-9a-f]{32}");
        assertThat(answer.getString("url")).isEqualTo("https://hub.example/meta/data-deletion/" + code);

        var written = stack.readAll(prefix + "ig.deletions", new StringDeserializer(),
                stack.serdes().deserializer(DeletionRequest.class), 1, Duration.ofSeconds(20)).stream()
                .filter(r -> r.key().equals(code)).findFirst().orElseThrow().value();
        assertThat(written.getSubjectType()).isEqualTo(DeletionSubject.APP_SCOPED_USER);
        assertThat(written.getSubjectId()).isEqualTo(USER);
        assertThat(written.getAppId()).isEqualTo("1001");
    }

    @Test
    void shouldShowReceivedUntilTheProcessorReportsThenWhatWasDeleted() throws Exception {
        String code = new JsonObject(postForm("/meta/data-deletion", "signed_request="
                + Fixtures.text("signed-request-deletion.txt")).body()).getString("confirmation_code");
        var page = Http.get(base + "/meta/data-deletion/" + code);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("received").contains(code);
        assertThat(json(code).getString("status")).isEqualTo("received");

        DeletionStatus completed = DeletionStatus.newBuilder().setConfirmationCode(code)
                .setState(DeletionState.COMPLETED).setSubjectType(DeletionSubject.APP_SCOPED_USER)
                .setRemoved(Map.of("channels", 1L, "windows", 3L)).setUpdatedAt(Instant.now()).build();
        try (var producer = stack.producer(new StringSerializer(),
                stack.serdes().forType(DeletionStatus.class).serializer())) {
            producer.send(new ProducerRecord<>(prefix + "ig.deletion.status", code, completed)).get();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> json(code).getString("status").equals("completed"));
        assertThat(json(code).getJsonObject("removed").getLong("windows")).isEqualTo(3L);
        assertThat(Http.get(base + "/meta/data-deletion/" + code).body()).contains("completed").contains("windows");
    }

    @Test
    void shouldAnswer404ForAnUnknownCode() {
        assertThat(Http.get(base + "/meta/data-deletion/" + "0".repeat(32)).statusCode()).isEqualTo(404);
        assertThat(Http.get(base + "/meta/data-deletion/%3Cscript%3E", "Accept", "application/json").statusCode())
                .isEqualTo(404);
    }

    @Test
    void shouldRefuseForgedExpiredOrMalformedSignedRequestsWith400() {
        String fixture = Fixtures.text("signed-request-deletion.txt");
        String forged = "A" + fixture.substring(1);
        for (String body : List.of("signed_request=" + forged, "signed_request=", "other=1",
                "signed_request=abc.def")) {
            var response = postForm("/meta/data-deletion", body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(new JsonObject(response.body()).getString("errorMessage")).contains("signed_request");
            assertThat(postForm("/meta/deauthorize", body).statusCode()).isEqualTo(400);
        }
    }

    @Test
    void shouldDisconnectEveryActiveChannelTheUserConnected() throws Exception {
        String channelId = UUID.randomUUID().toString();
        Channel channel = Channel.newBuilder().setChannelId(channelId).setApplicationId("app-1")
                .setIgUserId("17841463920184527").setAppScopedUserId(USER).setAppId("1001").setUsername("shop")
                .setFlavour(Flavour.FACEBOOK_LOGIN).setStatus(ChannelStatus.ACTIVE).setConnectedAt(Instant.now())
                .setUpdatedAt(Instant.now()).build();
        try (var producer = stack.producer(new StringSerializer(),
                stack.serdes().forType(Channel.class).serializer())) {
            producer.send(new ProducerRecord<>(prefix + "ig.channels", channelId, channel)).get();
        }
        String form = "signed_request=" + Fixtures.text("signed-request-deletion.txt");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                new JsonObject(postForm("/meta/deauthorize", form).body()).getInteger("disconnected") >= 1);

        var events = stack.readAll(prefix + "ig.channel.events", new StringDeserializer(),
                stack.serdes().deserializer(ChannelEvent.class), 1, Duration.ofSeconds(20));
        assertThat(events).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo(channelId);
            assertThat(r.value().getType()).isEqualTo(ChannelEventType.DISCONNECTED);
            assertThat(r.value().getAppScopedUserId()).isEqualTo(USER);
        });
    }

    @Test
    void shouldImportMetasDeletionListOncePerId() {
        String file = "user_id,requested\n10223344556677001,2026-12-01\n10223344556677002,2026-12-01\n"
                + "10223344556677001,2026-12-02\n";
        String url = "http://localhost:" + service.managementPort() + "/admin/deletions/import?app=facebook";

        var first = Http.post(url, file.getBytes(StandardCharsets.UTF_8), "Content-Type", "text/csv", "Authorization", "Bearer " + ServiceEnvironment.TEST_ADMIN_TOKEN);
        var again = Http.post(url, file.getBytes(StandardCharsets.UTF_8), "Content-Type", "text/csv", "Authorization", "Bearer " + ServiceEnvironment.TEST_ADMIN_TOKEN);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonObject answer = new JsonObject(first.body());
        assertThat(answer.getInteger("ids")).isEqualTo(2);
        assertThat(answer.getInteger("requested")).isEqualTo(2);
        assertThat(new JsonObject(again.body()).getInteger("alreadyRequested")).isEqualTo(2);
        String code = answer.getJsonArray("deletions").getJsonObject(0).getString("confirmationCode");
        assertThat(code).matches("[0-9a-f]{32}");
        var written = stack.readAll(prefix + "ig.deletions", new StringDeserializer(),
                stack.serdes().deserializer(DeletionRequest.class), 1, Duration.ofSeconds(20)).stream()
                .filter(r -> r.key().equals(code)).toList();
        assertThat(written).singleElement().satisfies(r -> {
            assertThat(r.value().getSubjectId()).isEqualTo("10223344556677001");
            assertThat(r.value().getAppId()).isEqualTo("1001");
        });
        assertThat(json(code).getString("status")).isEqualTo("received");
    }

    @Test
    void shouldImportAListLargerThanTheOtherAdminBodies() {
        StringBuilder file = new StringBuilder("user_id,requested\n");
        for (int i = 0; i < 2000; i++) {
            file.append(10223344556670000L + i).append(",2026-12-01\n");
        }
        assertThat(file.length()).isGreaterThan(16_384);
        var response = Http.post("http://localhost:" + service.managementPort() + "/admin/deletions/import?app=facebook",
                file.toString().getBytes(StandardCharsets.UTF_8), "Content-Type", "text/csv",
                "Authorization", "Bearer " + ServiceEnvironment.TEST_ADMIN_TOKEN);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getInteger("ids")).isEqualTo(2000);
    }

    @Test
    void shouldRefuseAnImportThatNamesNoId() {
        var response = Http.post("http://localhost:" + service.managementPort() + "/admin/deletions/import",
                "nothing here".getBytes(StandardCharsets.UTF_8), "Content-Type", "text/plain",
                "Authorization", "Bearer " + ServiceEnvironment.TEST_ADMIN_TOKEN);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getString("errorMessage")).contains("no user id");
    }

    private JsonObject json(String code) {
        return new JsonObject(Http.get(base + "/meta/data-deletion/" + code, "Accept", "application/json").body());
    }

    private java.net.http.HttpResponse<String> postForm(String path, String form) {
        return Http.post(base + path, form.getBytes(StandardCharsets.US_ASCII),
                "Content-Type", "application/x-www-form-urlencoded");
    }
}
