package io.igrelay.ingress.api;

import static io.igrelay.ingress.api.ApiTestBed.APP;
import static io.igrelay.ingress.api.ApiTestBed.CHANNEL;
import static io.igrelay.ingress.api.ApiTestBed.OTHER_CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.Flavour;
import io.igrelay.avro.ReusableAttachment;
import io.igrelay.ingress.config.ApiSettings;
import io.igrelay.sandbox.Sandbox;
import io.igrelay.sandbox.SandboxConfig;
import io.igrelay.sandbox.state.Directory;
import io.igrelay.sandbox.state.RecordedGraphCall;
import io.igrelay.schemas.config.MetaSettings;
import io.igrelay.schemas.config.Secret;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.schemas.topics.Topics;
import io.igrelay.testkit.ServiceEnvironment;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A channel's messaging setup through the real router and ChannelGraph against the sandbox, for both login flavours:
 * reusable attachment upload (Meta's exact request, the id kept and listed), ice breakers and the persistent menu
 * (set, read, delete with Meta's exact requests); each of Meta's limits is a 400 before any Graph call.
 */
class ChannelSetupApiTest {

    static final String FB_CHANNEL = "2e6b7e3a-4c9f-4e5b-9f90-4b8c5d3e1a32";
    private static ApiTestBed bed;
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        bed = new ApiTestBed(new ApiSettings(1000, Duration.ofHours(24), Duration.ofSeconds(1), 64 * 1024));
        sandbox = Sandbox.startBlocking(bed.vertx, SandboxConfig.fromEnv(Map.of("SANDBOX_PORT", "0",
                "SANDBOX_ECHOES", "false", "SANDBOX_WEBHOOK_URL", "http://127.0.0.1:1/unused")));
        TokenCipher cipher = TokenCipher.parse(ServiceEnvironment.TEST_TOKEN_KEYS);
        bed.graph = new ChannelGraph(WebClient.create(bed.vertx), metaSettings(sandbox), cipher);
        bed.channels.put(instagramChannel(CHANNEL, cipher, sandbox));
        bed.channels.put(facebookChannel(FB_CHANNEL, cipher, sandbox));
    }

    static MetaSettings metaSettings(Sandbox sandbox) {
        return new MetaSettings(Optional.of(SandboxConfig.DEV_META_APP_ID),
                Optional.of(new Secret(SandboxConfig.DEV_META_APP_SECRET)), Optional.empty(), Optional.empty(),
                MetaSettings.DEFAULT_GRAPH_API_VERSION, URI.create(sandbox.graphFacebookUrl()),
                URI.create(sandbox.graphInstagramUrl()), URI.create(sandbox.instagramApiUrl()),
                sandbox.facebookDialogUrl(), sandbox.instagramAuthorizeUrl());
    }

    static Channel instagramChannel(String id, TokenCipher cipher, Sandbox sandbox) {
        return Channel.newBuilder(InMemoryChannels.channel(id, APP, "fixture.shop", ChannelStatus.ACTIVE))
                .setIgUserId(Directory.ACCOUNT_A).setFlavour(Flavour.INSTAGRAM_LOGIN)
                .setToken(cipher.encrypt(sandbox.issueToken(Directory.ACCOUNT_A,
                        io.igrelay.sandbox.state.Flavour.INSTAGRAM_LOGIN))).build();
    }

    static Channel facebookChannel(String id, TokenCipher cipher, Sandbox sandbox) {
        return Channel.newBuilder(InMemoryChannels.channel(id, APP, "fixture.studio", ChannelStatus.ACTIVE))
                .setIgUserId(Directory.ACCOUNT_B).setPageId(Directory.PAGE_B).setFlavour(Flavour.FACEBOOK_LOGIN)
                .setToken(cipher.encrypt(sandbox.issueToken(Directory.ACCOUNT_B,
                        io.igrelay.sandbox.state.Flavour.FACEBOOK_LOGIN))).build();
    }

    @AfterAll
    static void stop() {
        sandbox.close().await();
        bed.close();
    }

    private static HttpResponse<String> call(String method, String path, String body) {
        return bed.send(method, path, body, Map.of("x-api-key", bed.apiKey));
    }

    private static int graphCalls() {
        return sandbox.state().graphCalls().list(c -> true, Integer.MAX_VALUE).size();
    }

    private static RecordedGraphCall lastGraphCall() {
        List<RecordedGraphCall> calls = sandbox.state().graphCalls().list(c -> true, Integer.MAX_VALUE);
        return calls.get(calls.size() - 1);
    }

    private static void assertRefusedBeforeMeta(String method, String path, String body, String mentions) {
        int before = graphCalls();
        HttpResponse<String> response = call(method, path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getString("errorCode")).isEqualTo("INVALID_PAYLOAD");
        assertThat(new JsonObject(response.body()).getString("errorMessage")).contains(mentions);
        assertThat(graphCalls()).as("no Graph call for a refused request").isEqualTo(before);
    }

    static String questions(int n, String locale) {
        return IntStream.range(0, n).mapToObj(i -> "{\"question\":\"Q" + i + "?\",\"payload\":\"Q" + i + "\"}")
                .collect(Collectors.joining(",", "{\"locale\":\"" + locale + "\",\"questions\":[", "]}"));
    }

    static String menu(int n, String title) {
        return IntStream.range(0, n).mapToObj(i -> "{\"type\":\"postback\",\"title\":\"" + title + "\",\"payload\":\"M"
                + i + "\"}").collect(Collectors.joining(",", "{\"locales\":[{\"locale\":\"default\",\"items\":[",
                "]}]}"));
    }

    @Test
    void shouldUploadThroughInstagramLoginWithMetasExactRequestAndListTheId() {
        HttpResponse<String> response = call("POST", "/v1/channels/" + CHANNEL + "/attachments",
                "{\"type\":\"image\",\"url\":\"https://cdn.example.com/p/42.jpg\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonObject answer = new JsonObject(response.body());
        RecordedGraphCall upload = lastGraphCall();
        assertThat(upload.host()).isEqualTo("graph.instagram.com");
        assertThat(upload.pathAndQuery()).endsWith("/" + Directory.ACCOUNT_A + "/message_attachments");
        assertThat(new JsonObject(upload.body().toString())).isEqualTo(new JsonObject("{\"message\":{\"attachment\":"
                + "{\"type\":\"image\",\"payload\":{\"url\":\"https://cdn.example.com/p/42.jpg\",\"is_reusable\":true}}}}"));
        assertThat(sandbox.state().messaging().attachmentOwner(answer.getString("attachmentId")))
                .contains(Directory.ACCOUNT_A);
        assertThat(answer.getString("expiresAt")).isNotEmpty();
        assertThat(bed.publisher.valuesOn(Topics.ATTACHMENTS)).map(v -> ((ReusableAttachment) v).getAttachmentId())
                .contains(answer.getString("attachmentId"));
        HttpResponse<String> list = call("GET", "/v1/channels/" + CHANNEL + "/attachments", null);
        assertThat(new JsonObject(list.body()).getJsonArray("data").getJsonObject(0).getString("attachmentId"))
                .isEqualTo(answer.getString("attachmentId"));
    }

    @Test
    void shouldUploadThroughFacebookLoginOnThePageWithPlatformInstagram() {
        HttpResponse<String> response = call("POST", "/v1/channels/" + FB_CHANNEL + "/attachments",
                "{\"type\":\"file\",\"url\":\"https://cdn.example.com/d/terms.pdf\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        RecordedGraphCall upload = lastGraphCall();
        assertThat(upload.host()).isEqualTo("graph.facebook.com");
        assertThat(upload.pathAndQuery()).contains("/" + Directory.PAGE_B + "/message_attachments?")
                .contains("appsecret_proof=").contains("platform=instagram");
        assertThat(new JsonObject(upload.body().toString())).isEqualTo(new JsonObject("{\"platform\":\"instagram\","
                + "\"message\":{\"attachment\":{\"type\":\"file\",\"payload\":{\"url\":"
                + "\"https://cdn.example.com/d/terms.pdf\",\"is_reusable\":true}}}}"));
        assertThat(sandbox.state().messaging().attachmentOwner(new JsonObject(response.body())
                .getString("attachmentId"))).contains(Directory.ACCOUNT_B);
    }

    @Test
    void shouldRefuseAnUploadOutsideMetasTypesOrWithoutAUrlBeforeAnyCall() {
        String path = "/v1/channels/" + CHANNEL + "/attachments";
        assertRefusedBeforeMeta("POST", path, "{\"type\":\"sticker\",\"url\":\"https://cdn.example.com/a.jpg\"}",
                "type");
        assertRefusedBeforeMeta("POST", path, "{\"type\":\"image\"}", "url");
        assertRefusedBeforeMeta("POST", path, "{\"type\":\"image\",\"url\":\"ftp://cdn.example.com/a.jpg\"}", "url");
    }

    @Test
    void shouldAnswer404ForAnotherApplicationsChannelWithoutCallingMeta() {
        int before = graphCalls();
        HttpResponse<String> response = call("POST", "/v1/channels/" + OTHER_CHANNEL + "/attachments",
                "{\"type\":\"image\",\"url\":\"https://cdn.example.com/a.jpg\"}");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(response.body()).getString("errorCode")).isEqualTo("CHANNEL_NOT_FOUND");
        assertThat(graphCalls()).isEqualTo(before);
    }

    @Test
    void shouldSetReadAndDeleteIceBreakersOnBothFlavoursWithMetasExactRequests() {
        for (String channel : List.of(CHANNEL, FB_CHANNEL)) {
            boolean facebook = channel.equals(FB_CHANNEL);
            String path = "/v1/channels/" + channel + "/ice-breakers";
            HttpResponse<String> set = call("PUT", path, "{\"locales\":[" + questions(4, "default") + ","
                    + questions(1, "en_GB") + "]}");
            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
            RecordedGraphCall post = lastGraphCall();
            assertThat(post.pathAndQuery()).contains(facebook ? "/" + Directory.PAGE_B + "/messenger_profile"
                    : "/" + Directory.ACCOUNT_A + "/messenger_profile");
            JsonObject expected = new JsonObject("{\"ice_breakers\":[{\"locale\":\"default\",\"call_to_actions\":["
                    + "{\"question\":\"Q0?\",\"payload\":\"Q0\"},{\"question\":\"Q1?\",\"payload\":\"Q1\"},"
                    + "{\"question\":\"Q2?\",\"payload\":\"Q2\"},{\"question\":\"Q3?\",\"payload\":\"Q3\"}]},"
                    + "{\"locale\":\"en_GB\",\"call_to_actions\":[{\"question\":\"Q0?\",\"payload\":\"Q0\"}]}]}");
            if (facebook) {
                expected = new JsonObject().put("platform", "instagram").mergeIn(expected);
            }
            assertThat(new JsonObject(post.body().toString())).isEqualTo(expected);

            JsonObject read = new JsonObject(call("GET", path, null).body());
            assertThat(read.getJsonArray("locales")).hasSize(2);
            assertThat(read.getJsonArray("locales").getJsonObject(0).getJsonArray("questions")).hasSize(4);
            assertThat(lastGraphCall().pathAndQuery()).contains("fields=ice_breakers")
                    .contains(facebook ? "platform=instagram" : "fields");

            assertThat(call("DELETE", path, null).statusCode()).isEqualTo(204);
            assertThat(new JsonObject(lastGraphCall().body().toString()).getJsonArray("fields"))
                    .containsExactly("ice_breakers");
            assertThat(lastGraphCall().pathAndQuery().contains("platform=instagram")).isEqualTo(facebook);
            assertThat(new JsonObject(call("GET", path, null).body()).getJsonArray("locales")).isEmpty();
        }
    }

    @Test
    void shouldSetAndReadThePersistentMenuOnBothFlavours() {
        for (String channel : List.of(CHANNEL, FB_CHANNEL)) {
            String path = "/v1/channels/" + channel + "/persistent-menu";
            HttpResponse<String> set = call("PUT", path, "{\"locales\":[{\"locale\":\"default\",\"items\":["
                    + "{\"type\":\"postback\",\"title\":\"Talk to an agent\",\"payload\":\"AGENT\"},"
                    + "{\"type\":\"web_url\",\"title\":\"Shop now\",\"url\":\"https://shop.example.com/\"}]}]}");
            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
            assertThat(new JsonObject(lastGraphCall().body().toString()).getJsonArray("persistent_menu")
                    .getJsonObject(0).getJsonArray("call_to_actions").getJsonObject(1).getString("url"))
                    .isEqualTo("https://shop.example.com/");
            JsonObject read = new JsonObject(call("GET", path, null).body());
            assertThat(read.getJsonArray("locales").getJsonObject(0).getJsonArray("items")).hasSize(2);
            assertThat(call("DELETE", path, null).statusCode()).isEqualTo(204);
        }
    }

    @Test
    void shouldRefuseEachIceBreakerLimitBeforeAnyCall() {
        String path = "/v1/channels/" + CHANNEL + "/ice-breakers";
        assertRefusedBeforeMeta("PUT", path, "{\"locales\":[" + questions(5, "default") + "]}", "questions");
        assertRefusedBeforeMeta("PUT", path, "{\"locales\":[" + questions(2, "en_GB") + "]}", "default");
        assertRefusedBeforeMeta("PUT", path, "{\"locales\":[" + questions(1, "default") + ","
                + questions(1, "default") + "]}", "twice");
        assertRefusedBeforeMeta("PUT", path, "{\"locales\":[" + questions(1, "english") + "]}", "locale");
        assertRefusedBeforeMeta("PUT", path, "{\"locales\":[{\"locale\":\"default\",\"questions\":[{\"question\":"
                + "\"Q?\",\"payload\":\"" + "p".repeat(1001) + "\"}]}]}", "payload");
        assertRefusedBeforeMeta("PUT", path, "{\"locales\":[]}", "locales");
    }

    @Test
    void shouldRefuseEachMenuLimitBeforeAnyCall() {
        String path = "/v1/channels/" + CHANNEL + "/persistent-menu";
        assertRefusedBeforeMeta("PUT", path, menu(21, "Hours"), "items");
        assertRefusedBeforeMeta("PUT", path, menu(1, "x".repeat(31)), "title");
        assertRefusedBeforeMeta("PUT", path, "{\"locales\":[{\"locale\":\"default\",\"items\":[{\"type\":\"web_url\","
                + "\"title\":\"Shop\"}]}]}", "url");
        assertRefusedBeforeMeta("PUT", path, "{\"locales\":[{\"locale\":\"default\",\"items\":[{\"type\":\"postback\","
                + "\"title\":\"Agent\"}]}]}", "payload");
        assertRefusedBeforeMeta("PUT", path, "{\"locales\":[{\"locale\":\"default\",\"items\":[{\"type\":\"nested\","
                + "\"title\":\"More\"}]}]}", "type");
    }

    @Test
    void shouldAnswerAsTheOpenApiDocumentSays() {
        ResponseValidator validator = ResponseValidator.create(bed.vertx,
                OpenAPIContract.from(bed.vertx, ApiRouter.CONTRACT).await());
        String base = "/v1/channels/" + CHANNEL;
        Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
        answers.put("uploadAttachment", call("POST", base + "/attachments",
                "{\"type\":\"audio\",\"url\":\"https://cdn.example.com/a.m4a\"}"));
        answers.put("listAttachments", call("GET", base + "/attachments?limit=5", null));
        answers.put("setIceBreakers", call("PUT", base + "/ice-breakers", "{\"locales\":[" + questions(2, "default")
                + "]}"));
        answers.put("getIceBreakers", call("GET", base + "/ice-breakers", null));
        answers.put("setPersistentMenu", call("PUT", base + "/persistent-menu", menu(3, "Hours")));
        answers.put("getPersistentMenu", call("GET", base + "/persistent-menu", null));
        answers.forEach((operation, response) -> {
            assertThat(response.statusCode()).as(operation + " " + response.body()).isBetween(200, 201);
            ValidatableResponse validatable = ValidatableResponse.create(response.statusCode(), Map.of(),
                    Buffer.buffer(response.body()), "application/json");
            assertThatCode(() -> validator.validate(validatable, operation).await()).as(operation)
                    .doesNotThrowAnyException();
        });
    }

    @Test
    void shouldPassOnMetasRefusalAs422() {
        Channel wrongPage = Channel.newBuilder(facebookChannel("3f7c8f4b-5d0a-4f6c-a0a1-5c9d6e4f2b43",
                        TokenCipher.parse(ServiceEnvironment.TEST_TOKEN_KEYS), sandbox))
                .setPageId(Directory.PAGE_A).build();
        bed.channels.put(wrongPage);
        HttpResponse<String> response = call("GET", "/v1/channels/" + wrongPage.getChannelId() + "/ice-breakers", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(new JsonObject(response.body()).getString("errorCode")).isEqualTo("META_ERROR");
    }
}
