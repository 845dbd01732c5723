package io.igrelay.ingress.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.ReusableAttachment;
import io.igrelay.ingress.config.ApiSettings;
import io.igrelay.ingress.config.IngressConfig;
import io.igrelay.sandbox.Sandbox;
import io.igrelay.sandbox.SandboxConfig;
import io.igrelay.sandbox.state.Directory;
import io.igrelay.sandbox.state.RecordedGraphCall;
import io.igrelay.schemas.config.EnvReader;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.schemas.serde.AvroSerdes;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * A channel's messaging setup through the whole ApiModule on a real broker and registry against the sandbox, for an
 * Instagram Login and a Facebook Login channel seeded on ig.channels: the upload's exact Graph request, the
 * attachment kept on ig.attachments and still listed by a fresh ApiModule (a restart), and the ice breakers' and
 * persistent menu's exact Messenger Profile requests.
 */
@ExtendWith(KafkaStackExtension.class)
class ChannelSetupIT {

    private static final String PREFIX = "setup-it.";
    private static final String DEV_KEY = "igr_devkey01_0123456789abcdefABCDEF";
    private static final String IG_CHANNEL = "5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    private static final String FB_CHANNEL = "6b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e";

    private static KafkaStack stack;
    private static AvroSerdes serdes;
    private static Vertx vertx;
    private static Sandbox sandbox;
    private static IngressConfig config;
    private static Map<String, String> env;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start(KafkaStack kafkaStack) throws Exception {
        stack = kafkaStack;
        serdes = stack.serdes();
        vertx = Vertx.vertx();
        sandbox = Sandbox.startBlocking(vertx, SandboxConfig.fromEnv(Map.of("SANDBOX_PORT", "0",
                "SANDBOX_ECHOES", "false", "SANDBOX_WEBHOOK_URL", "http://127.0.0.1:1/unused")));
        FakeProcessor processor = new FakeProcessor(vertx);
        env = ServiceEnvironment.base(stack, PREFIX);
        env.put("PROCESSOR_URL", processor.url());
        env.put("PUBLIC_BASE_URL", "http://hub.test");
        env.put("DEV_API_KEY", DEV_KEY);
        env.put("META_APP_ID", SandboxConfig.DEV_META_APP_ID);
        env.put("META_APP_SECRET", SandboxConfig.DEV_META_APP_SECRET);
        env.put("GRAPH_FACEBOOK_URL", sandbox.graphFacebookUrl());
        env.put("GRAPH_INSTAGRAM_URL", sandbox.graphInstagramUrl());
        config = IngressConfig.fromEnv(env);
        new TopicProvisioner(stack.admin(), config.kafka().topics()).ensure(Topics.ALL);
        String devApplicationId = UUID.nameUUIDFromBytes(("igrelay-dev-application:devkey01")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        TokenCipher cipher = TokenCipher.parse(ServiceEnvironment.TEST_TOKEN_KEYS);
        try (KafkaProducer<String, Object> producer = stack.producer(new StringSerializer(), serdes.serializer())) {
            for (Channel c : List.of(ChannelSetupApiTest.instagramChannel(IG_CHANNEL, cipher, sandbox),
                    ChannelSetupApiTest.facebookChannel(FB_CHANNEL, cipher, sandbox))) {
                Channel owned = Channel.newBuilder(c).setApplicationId(devApplicationId)
                        .setStatus(ChannelStatus.ACTIVE).build();
                producer.send(new ProducerRecord<>(Topics.CHANNELS.name(PREFIX), owned.getChannelId(), owned))
                        .get(10, TimeUnit.SECONDS);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close().await();
        }
        if (vertx != null) {
            vertx.close().await();
        }
    }

    /** A started ApiModule on its own port (a fresh one reads everything again from the topics). */
    private record Hub(ApiModule module, HttpServer server) implements AutoCloseable {
        static Hub start() {
            ApiModule module = new ApiModule(vertx, config, ApiSettings.read(new EnvReader(env)), serdes);
            Router router = Router.router(vertx);
            module.mount(router, List.of(ApiTestBed::notServedHere)).await();
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
            return new Hub(module, server);
        }

        HttpResponse<String> call(String method, String path, String body) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + server.actualPort() + path)).timeout(Duration.ofSeconds(10)).header("x-api-key", DEV_KEY)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("content-type", "application/json");
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        @Override
        public void close() {
            server.close().await();
            module.close();
        }
    }

    private static RecordedGraphCall lastGraphCall() {
        List<RecordedGraphCall> calls = sandbox.state().graphCalls().list(c -> true, Integer.MAX_VALUE);
        return calls.get(calls.size() - 1);
    }

    @Test
    void shouldKeepUploadedAttachmentsOfBothFlavoursAcrossARestart() throws Exception {
        String igId;
        String fbId;
        try (Hub hub = Hub.start()) {
            HttpResponse<String> ig = hub.call("POST", "/v1/channels/" + IG_CHANNEL + "/attachments",
                    "{\"type\":\"video\",\"url\":\"https://cdn.example.com/v/intro.mp4\"}");
            assertThat(ig.statusCode()).as(ig.body()).isEqualTo(201);
            igId = new JsonObject(ig.body()).getString("attachmentId");
            RecordedGraphCall igCall = lastGraphCall();
            assertThat(igCall.host()).isEqualTo("graph.instagram.com");
            assertThat(igCall.pathAndQuery()).endsWith("/" + Directory.ACCOUNT_A + "/message_attachments");
            assertThat(new JsonObject(igCall.body().toString())).isEqualTo(new JsonObject("{\"message\":{\"attachment\":"
                    + "{\"type\":\"video\",\"payload\":{\"url\":\"https://cdn.example.com/v/intro.mp4\","
                    + "\"is_reusable\":true}}}}"));

            HttpResponse<String> fb = hub.call("POST", "/v1/channels/" + FB_CHANNEL + "/attachments",
                    "{\"type\":\"image\",\"url\":\"https://cdn.example.com/p/1.jpg\"}");
            assertThat(fb.statusCode()).as(fb.body()).isEqualTo(201);
            fbId = new JsonObject(fb.body()).getString("attachmentId");
            RecordedGraphCall fbCall = lastGraphCall();
            assertThat(fbCall.host()).isEqualTo("graph.facebook.com");
            assertThat(fbCall.pathAndQuery()).contains("/" + Directory.PAGE_B + "/message_attachments?");
            assertThat(new JsonObject(fbCall.body().toString())).isEqualTo(new JsonObject("{\"platform\":\"instagram\","
                    + "\"message\":{\"attachment\":{\"type\":\"image\",\"payload\":{\"url\":"
                    + "\"https://cdn.example.com/p/1.jpg\",\"is_reusable\":true}}}}"));
        }
        var kept = stack.readAll(Topics.ATTACHMENTS.name(PREFIX), new StringDeserializer(),
                serdes.deserializer(ReusableAttachment.class), 2, Duration.ofSeconds(20));
        assertThat(kept).extracting(r -> r.key()).contains(IG_CHANNEL + "|" + igId, FB_CHANNEL + "|" + fbId);

        try (Hub restarted = Hub.start()) {
            JsonObject list = new JsonObject(restarted.call("GET", "/v1/channels/" + IG_CHANNEL + "/attachments", null)
                    .body());
            assertThat(list.getJsonArray("data")).hasSize(1);
            assertThat(list.getJsonArray("data").getJsonObject(0).getString("attachmentId")).isEqualTo(igId);
            assertThat(list.getJsonArray("data").getJsonObject(0).getString("type")).isEqualTo("video");
            JsonObject fbList = new JsonObject(restarted.call("GET", "/v1/channels/" + FB_CHANNEL + "/attachments",
                    null).body());
            assertThat(fbList.getJsonArray("data").getJsonObject(0).getString("attachmentId")).isEqualTo(fbId);
        }
    }

    @Test
    void shouldSendTheIceBreakersAndMenuOfBothFlavoursAsMetaDocumentsThem() throws Exception {
        try (Hub hub = Hub.start()) {
            for (String channel : List.of(IG_CHANNEL, FB_CHANNEL)) {
                boolean facebook = channel.equals(FB_CHANNEL);
                HttpResponse<String> set = hub.call("PUT", "/v1/channels/" + channel + "/ice-breakers",
                        "{\"locales\":[{\"locale\":\"default\",\"questions\":[{\"question\":\"Where is my order?\","
                                + "\"payload\":\"ORDER\"}]}]}");
                assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
                JsonObject expected = new JsonObject("{\"ice_breakers\":[{\"locale\":\"default\",\"call_to_actions\":"
                        + "[{\"question\":\"Where is my order?\",\"payload\":\"ORDER\"}]}]}");
                assertThat(new JsonObject(lastGraphCall().body().toString())).isEqualTo(facebook
                        ? new JsonObject().put("platform", "instagram").mergeIn(expected) : expected);

                HttpResponse<String> menu = hub.call("PUT", "/v1/channels/" + channel + "/persistent-menu",
                        "{\"locales\":[{\"locale\":\"default\",\"items\":[{\"type\":\"web_url\",\"title\":\"Shop\","
                                + "\"url\":\"https://shop.example.com/\"}]}]}");
                assertThat(menu.statusCode()).as(menu.body()).isEqualTo(200);
                JsonObject expectedMenu = new JsonObject("{\"persistent_menu\":[{\"locale\":\"default\","
                        + "\"call_to_actions\":[{\"type\":\"web_url\",\"title\":\"Shop\","
                        + "\"url\":\"https://shop.example.com/\"}]}]}");
                assertThat(new JsonObject(lastGraphCall().body().toString())).isEqualTo(facebook
                        ? new JsonObject().put("platform", "instagram").mergeIn(expectedMenu) : expectedMenu);

                JsonObject read = new JsonObject(hub.call("GET", "/v1/channels/" + channel + "/persistent-menu", null)
                        .body());
                assertThat(read.getJsonArray("locales").getJsonObject(0).getJsonArray("items").getJsonObject(0)
                        .getString("title")).isEqualTo("Shop");
            }
        }
    }
}
