package io.igrelay.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comment → reply → DM path of the README, on the local stack (real broker, registry, sandbox and the three
 * services as separate JVMs; contract §5.2 comment operations): a public and a private reply reach the sandbox's
 * Graph API in Meta's request shapes (https://developers.facebook.com/docs/instagram-platform/private-replies,
 * https://developers.facebook.com/docs/instagram-platform/comment-moderation); a second private reply to the same
 * comment, and one to a comment older than 7 days on the sandbox clock, are refused by the hub before any call; the
 * commenter's DM answer opens the window and reaches the Application as a {@code Message}; hide, unhide and delete
 * change the comment on Meta's side.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommentRepliesIT {

    private static final String COMMENTER = "7309182736457777";
    private static final String LATE_COMMENTER = "7309182736456666";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private LocalStack stack;
    private String sandbox;
    private String ingress;
    private String processor;
    private String dispatcher;
    private String key;

    @BeforeAll
    void startStack() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String token = exchange.getRequestHeaders().getFirst("X-Validation-Token");
            byte[] answer = token != null ? ("\"" + token + "\"").getBytes(StandardCharsets.UTF_8) : new byte[0];
            if (token == null) {
                received.add(body);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        receiver.start();
        var ports = StackPorts.free();
        String classpath = "target/classes" + java.io.File.pathSeparator
                + Files.readString(Path.of("target/classpath.txt")).trim();
        Path apicurio = Path.of(System.getProperty("apicurio.dir", "target/apicurio"));
        stack = LocalStack.start(new StackSettings(home, apicurio, classpath, ports, ServiceSpec.select(ports, "all"),
                Map.of()), new PrintStream(new ByteArrayOutputStream()));
        sandbox = "http://localhost:" + ports.sandbox();
        ingress = "http://localhost:" + ports.ingress();
        processor = "http://localhost:" + ports.processor();
        dispatcher = "http://localhost:" + ports.dispatcher();
        key = stack.childEnv().get("DEV_API_KEY");
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void shouldReplyInPublicAndPrivatelyOnceThenContinueAsADirectMessage() throws Exception {
        registerMessageWebhook();
        String comment = comment(COMMENTER, 0);

        // a public reply: Meta's POST /{comment-id}/replies?message=, the reply joins the comment's thread
        String publicReply = accepted(reply(comment, COMMENTER, "Thank you! Details in your DMs.", false));
        awaitStatus(publicReply, "sent");
        assertThat(sandboxComment(comment).path("replies")).anySatisfy(r ->
                assertThat(r.path("text").asText()).isEqualTo("Thank you! Details in your DMs."));

        // a private reply: the Send API with recipient.comment_id, no window needed
        String privateReply = accepted(reply(comment, COMMENTER, "Hi! The tote is 49 EUR.", true));
        JsonNode sent = awaitStatus(privateReply, "sent");
        List<JsonNode> calls = privateReplyCalls(comment);
        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.path("httpStatus").asInt()).isEqualTo(200);
            assertThat(call.path("body")).isEqualTo(JSON.readTree("{\"recipient\":{\"comment_id\":\"" + comment
                    + "\"},\"message\":{\"text\":\"Hi! The tote is 49 EUR.\"}}"));
        });
        assertThat(sandboxComment(comment).path("privateReplyMid").asText())
                .isEqualTo(sent.path("metaMessageIds").get(0).asText());
        assertThat(window(COMMENTER)).doesNotContain("openedBy");

        // a second private reply to the same comment is refused up front, and Meta is not called again
        HttpResponse<String> second = reply(comment, COMMENTER, "Did you see my message?", true);
        assertThat(second.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(second.body()).path("errorCode").asText()).isEqualTo("PRIVATE_REPLY_USED");
        assertThat(privateReplyCalls(comment)).hasSize(1);

        // the commenter answers the private reply: the window opens and the answer arrives as a Message
        post(sandbox + "/sandbox/simulate/message", null, "{\"account\":\"fixture.shop\",\"from\":\"" + COMMENTER
                + "\",\"text\":\"Great, I'll take it\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(received).anySatisfy(body ->
                assertThat(body).contains("\"eventType\":\"Message\"").contains("\"from\":\"" + COMMENTER + "\"")
                        .contains("Great, I'll take it")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(window(COMMENTER)).contains("\"state\":\"OPEN\""));
        String dm = accepted(post(ingress + "/v1/communication/instagram/message", key, "{\"from\":\"@fixture.shop\","
                + "\"to\":\"" + COMMENTER + "\",\"content\":{\"text\":\"Wonderful, here is the link\"}}"));
        awaitStatus(dm, "sent");
    }

    @Test
    void shouldRefuseAPrivateReplyToACommentOlderThanSevenDaysBeforeAnyCall() throws Exception {
        String comment = comment(LATE_COMMENTER, Duration.ofDays(8).toSeconds());

        HttpResponse<String> late = reply(comment, LATE_COMMENTER, "Sorry for the late answer", true);

        assertThat(late.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(late.body()).path("errorCode").asText()).isEqualTo("PRIVATE_REPLY_EXPIRED");
        assertThat(privateReplyCalls(comment)).isEmpty();
        // a public reply has no such limit
        awaitStatus(accepted(reply(comment, LATE_COMMENTER, "Still available!", false)), "sent");
    }

    @Test
    void shouldHideUnhideAndDeleteACommentInOrder() throws Exception {
        String comment = comment(COMMENTER, 0);

        awaitStatus(accepted(moderate(comment, COMMENTER, "hide")), "sent");
        assertThat(sandboxComment(comment).path("hidden").asBoolean()).isTrue();
        awaitStatus(accepted(moderate(comment, COMMENTER, "unhide")), "sent");
        assertThat(sandboxComment(comment).path("hidden").asBoolean()).isFalse();
        awaitStatus(accepted(moderate(comment, COMMENTER, "delete")), "sent");
        assertThat(get(sandbox + "/sandbox/comments/" + comment).statusCode()).isEqualTo(404);
        // Meta no longer knows it: deleting again fails with Meta's code, never retried
        JsonNode again = awaitStatus(accepted(moderate(comment, COMMENTER, "delete")), "failed");
        assertThat(again.path("channelErrorCode").asText()).isEqualTo("100/33");
    }

    /** A comment by {@code igsid} on the shop's post, made {@code ageSeconds} ago, once the processor filed it. */
    private String comment(String igsid, long ageSeconds) throws Exception {
        String id = JSON.readTree(post(sandbox + "/sandbox/simulate/comment", null, "{\"account\":\"fixture.shop\","
                + "\"from\":\"" + igsid + "\",\"text\":\"price?\",\"ageSeconds\":" + ageSeconds + "}").body())
                .path("mid").asText();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                get(processor + "/comments/" + igsid + "/" + id).statusCode() == 200);
        return id;
    }

    private HttpResponse<String> reply(String comment, String to, String text, boolean privately) throws Exception {
        return post(ingress + "/v1/communication/instagram/comments/" + comment + "/replies", key,
                "{\"from\":\"@fixture.shop\",\"to\":\"" + to + "\",\"text\":\"" + text + "\",\"private\":"
                        + privately + "}");
    }

    private HttpResponse<String> moderate(String comment, String to, String action) throws Exception {
        return post(ingress + "/v1/communication/instagram/comments/" + comment + "/moderation", key,
                "{\"from\":\"@fixture.shop\",\"to\":\"" + to + "\",\"action\":\"" + action + "\"}");
    }

    private static String accepted(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).path("messageId").asText();
    }

    private JsonNode awaitStatus(String messageId, String status) {
        String url = ingress + "/v1/communication/instagram/message/" + messageId;
        return await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(getWithKey(url)),
                json -> status.equals(json.path("status").asText()));
    }

    /** The Send API calls the sandbox received that answer this comment privately. */
    private List<JsonNode> privateReplyCalls(String comment) throws Exception {
        JsonNode sends = JSON.readTree(get(sandbox + "/sandbox/sends?account=fixture.shop").body()).path("data");
        return StreamSupport.stream(sends.spliterator(), false)
                .filter(s -> comment.equals(s.path("body").path("recipient").path("comment_id").asText()))
                .toList();
    }

    private JsonNode sandboxComment(String comment) throws Exception {
        HttpResponse<String> response = get(sandbox + "/sandbox/comments/" + comment);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private String window(String igsid) throws Exception {
        return get(processor + "/windows/" + igsid).body();
    }

    private void registerMessageWebhook() throws Exception {
        String endpoint = "http://localhost:" + receiver.getAddress().getPort() + "/hooks/messages";
        int known = webhooksKnownToTheDispatcher();
        assertThat(post(ingress + "/v1/organization/webhook", key, "{\"label\":\"dms\",\"endpoint\":\""
                + endpoint + "\",\"eventType\":\"Message\"}").statusCode()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> webhooksKnownToTheDispatcher() > known);
    }

    private int webhooksKnownToTheDispatcher() throws Exception {
        Matcher gauge = Pattern.compile("(?m)^igrelay_dispatcher_webhooks_known(?:\\{[^}]*\\})? "
                + "([0-9.]+)").matcher(get(dispatcher + "/metrics").body());
        assertThat(gauge.find()).as("igrelay_dispatcher_webhooks_known on the dispatcher's /metrics").isTrue();
        return (int) Double.parseDouble(gauge.group(1));
    }

    private HttpResponse<String> post(String url, String apiKey, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (apiKey != null) {
            request.header("x-api-key", apiKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String getWithKey(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("x-api-key", key)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
