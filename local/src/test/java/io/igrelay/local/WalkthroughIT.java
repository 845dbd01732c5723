package io.igrelay.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.ingress.onboarding.BrowserSupport;
import io.igrelay.schemas.serde.AvroSerdes;
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
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The whole product, end to end, as the README's walk-through tells it: the local stack (real broker, registry,
 * sandbox and the three services as separate JVMs) connects the demo channel through the sandbox's OAuth flow; a
 * simulated customer's DM becomes an InstagramEvent carrying that channel's UUID; a reply sent from @fixture.shop
 * reaches the sandbox's Send API and its status goes enqueued → sent → read; a registered Application webhook
 * receives the next DM, signed. And the dashboard in a real headless Chromium: Connect with Facebook for
 * @fixture.studio, whose new UUID then carries its customer's DM and sends its reply, and Connect with Instagram for
 * @fixture.creator. And Meta's newer inbound content end to end: a shared post (ig_post), its edit and a handover
 * reach a registered Application webhook as ig_post, edited and handover content; a comment and a reply to it reach
 * a registered Comment webhook once each, in order, without opening the DM window. One stack for all tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalkthroughIT {

    private static final String CUSTOMER = "7309182736451928";
    private static final String STUDIO_CUSTOMER = "26483910275519084";
    private static final String PAGE_STUDIO = "108920345566779";
    private static final String SHARING_CUSTOMER = "7309182736459999";
    private static final String COMMENTER = "7309182736458888";
    private static final Pattern SIMULATED_MID = Pattern.compile("\"mid\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern MESSAGE_ID = Pattern.compile("\"messageId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern META_MID = Pattern.compile("\"metaMessageIds\"\\s*:\\s*\\[\\s*\"([^\"]+)\"");

    @TempDir
    static Path home;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private LocalStack stack;
    private Map<String, String> env;
    private String sandbox;
    private String ingress;
    private String processor;
    private String dispatcher;
    private String key;

    @BeforeAll
    void startStack() throws Exception {
        StackSettings settings = settings();
        receiver = receiver(received);
        stack = LocalStack.start(settings, new PrintStream(new ByteArrayOutputStream()));
        env = stack.childEnv();
        sandbox = "http://localhost:" + settings.ports().sandbox();
        ingress = "http://localhost:" + settings.ports().ingress();
        processor = "http://localhost:" + settings.ports().processor();
        dispatcher = "http://localhost:" + settings.ports().dispatcher();
        key = env.get("DEV_API_KEY");
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
    void shouldConnectReceiveReplyAndReportEveryStatus() throws Exception {
        assertThat(stack.demoChannel()).as("demo channel connected at start").isPresent();
        String channelId = stack.demoChannel().get().channelId();

        // the Application follows its replies' status changes on a MessageStatus webhook (dev mode allows http);
        // registered first: the dispatcher delivers to a webhook from the moment its view holds it (after the 201)
        String endpoint = "http://localhost:" + receiver.getAddress().getPort() + "/hooks";
        int knownBefore = webhooksKnownToTheDispatcher();
        assertThat(post(ingress + "/v1/organization/webhook", key, "{\"label\":\"statuses\",\"endpoint\":\""
                + endpoint + "/status\",\"eventType\":\"MessageStatus\"}").statusCode()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> webhooksKnownToTheDispatcher() > knownBefore);

        // a customer writes; the event carries the new channel's UUID and opens the window
        post(sandbox + "/sandbox/simulate/message", null,
                "{\"account\":\"fixture.shop\",\"from\":\"" + CUSTOMER + "\",\"text\":\"Is the tote in stock?\"}");
        assertThat(firstEventOf(env, CUSTOMER).getChannelId()).isEqualTo(channelId);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                get(processor + "/windows/" + CUSTOMER)).contains("\"state\":\"OPEN\"").contains(channelId));

        // the reply from @fixture.shop reaches Meta (the sandbox) and is reported sent
        HttpResponse<String> accepted = post(ingress + "/v1/communication/instagram/message", key,
                "{\"from\":\"@fixture.shop\",\"to\":\"" + CUSTOMER + "\",\"content\":{\"text\":\"Yes, in stock!\"}}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        String messageId = group(MESSAGE_ID, accepted.body());
        String statusUrl = ingress + "/v1/communication/instagram/message/" + messageId;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(getWithKey(statusUrl, key)).contains("\"status\":\"sent\""));
        assertThat(get(sandbox + "/sandbox/sends?account=fixture.shop")).contains("Yes, in stock!");

        // the customer reads it
        String mid = group(META_MID, getWithKey(statusUrl, key));
        post(sandbox + "/sandbox/simulate/seen", null,
                "{\"account\":\"fixture.shop\",\"from\":\"" + CUSTOMER + "\",\"mid\":\"" + mid + "\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(getWithKey(statusUrl, key)).contains("\"status\":\"read\""));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(statusesOf(messageId))
                .as("signed MessageStatus events of the reply, in order").containsExactly("enqueued", "sent", "read"));

        // an Application webhook registered in dev mode receives the next DM, signed; the DM is sent once the
        // dispatcher's view holds the webhook (README: events from about a second after the 201 on)
        int known = webhooksKnownToTheDispatcher();
        assertThat(post(ingress + "/v1/organization/webhook", key, "{\"label\":\"it\",\"endpoint\":\""
                + endpoint + "\",\"eventType\":\"Message\"}").statusCode()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> webhooksKnownToTheDispatcher() > known);
        post(sandbox + "/sandbox/simulate/message", null,
                "{\"account\":\"fixture.shop\",\"from\":\"" + CUSTOMER + "\",\"text\":\"thanks!\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(received)
                .anySatisfy(line -> assertThat(line).startsWith("t=").contains(",v1=")
                        .contains("\"eventType\":\"Message\"").contains(channelId)));
    }

    @Test
    void shouldConnectWithFacebookInTheBrowserThenReceiveAndReplyThroughTheNewChannel() throws Exception {
        String channelId;
        try (BrowserSupport browser = BrowserSupport.start()) {
            WebDriver driver = browser.driver;
            driver.get(ingress + "/dashboard/login");
            driver.findElement(By.id("apiKey")).sendKeys(key);
            browser.go(By.id("sign-in"));
            browser.go(By.id("add-channel"));
            browser.go(By.id("connect-facebook"));          // the sandbox's Facebook Login dialog
            browser.go(By.id("allow"));
            driver.findElement(By.id("page-" + PAGE_STUDIO)).click();
            browser.go(By.id("choose-page"));
            browser.go(By.id("choose-account"));
            assertThat(driver.findElement(By.id("channel-username")).getText()).isEqualTo("@fixture.studio");
            assertThat(driver.findElement(By.id("channel-flavour")).getText()).isEqualTo("Facebook Login");
            channelId = driver.findElement(By.id("channel-id")).getText();

            // and Connect with Instagram, for the creator account, on the sandbox's Instagram consent page
            driver.get(ingress + "/dashboard/channels/new");
            browser.go(By.id("connect-instagram"));
            driver.findElement(By.cssSelector("input[name=account][value='fixture.creator']")).click();
            browser.go(By.id("allow"));
            assertThat(driver.findElement(By.id("channel-username")).getText()).isEqualTo("@fixture.creator");
            assertThat(driver.findElement(By.id("channel-flavour")).getText()).isEqualTo("Instagram Login");
            assertThat(driver.findElement(By.id("channel-id")).getText()).matches("[0-9a-f-]{36}")
                    .isNotEqualTo(channelId);
        }
        assertThat(channelId).matches("[0-9a-f-]{36}").isNotEqualTo(stack.demoChannel().orElseThrow().channelId());

        post(sandbox + "/sandbox/simulate/message", null, "{\"account\":\"fixture.studio\",\"from\":\""
                + STUDIO_CUSTOMER + "\",\"text\":\"Do you ship to Lisbon?\"}");
        assertThat(firstEventOf(env, STUDIO_CUSTOMER).getChannelId()).isEqualTo(channelId);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                get(processor + "/windows/" + STUDIO_CUSTOMER)).contains("\"state\":\"OPEN\""));

        HttpResponse<String> accepted = post(ingress + "/v1/communication/instagram/message", key,
                "{\"from\":\"@fixture.studio\",\"to\":\"" + STUDIO_CUSTOMER
                        + "\",\"content\":{\"text\":\"We do, in 3 days.\"}}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get(sandbox + "/sandbox/sends?account=fixture.studio")).contains("We do, in 3 days."));
    }

    @Test
    void shouldDeliverASharedPostItsEditAndAHandoverToTheApplication() throws Exception {
        String channelId = stack.demoChannel().orElseThrow().channelId();
        String endpoint = "http://localhost:" + receiver.getAddress().getPort() + "/hooks/content";
        int known = webhooksKnownToTheDispatcher();
        assertThat(post(ingress + "/v1/organization/webhook", key, "{\"label\":\"content\",\"endpoint\":\""
                + endpoint + "\",\"eventType\":\"Message\"}").statusCode()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> webhooksKnownToTheDispatcher() > known);

        // a customer shares a post (Meta's ig_post attachment), edits that message, and the thread is passed over
        String shared = post(sandbox + "/sandbox/simulate/share-post", null, "{\"account\":\"fixture.shop\","
                + "\"from\":\"" + SHARING_CUSTOMER + "\",\"mediaId\":\"18060000000000001\"}").body();
        String mid = group(SIMULATED_MID, shared);
        post(sandbox + "/sandbox/simulate/message-edit", null, "{\"account\":\"fixture.shop\",\"from\":\""
                + SHARING_CUSTOMER + "\",\"text\":\"this one, in olive?\",\"numEdit\":1}");
        post(sandbox + "/sandbox/simulate/handover", null, "{\"account\":\"fixture.shop\",\"from\":\""
                + SHARING_CUSTOMER + "\",\"action\":\"pass\",\"metadata\":\"to the bot\"}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> bodies = messagesOf(SHARING_CUSTOMER);
            assertThat(bodies).anySatisfy(body -> assertThat(body).contains(channelId)
                    .contains("\"mid\":\"" + mid + "\"").contains("\"type\":\"ig_post\"")
                    .contains("\"mediaId\":\"18060000000000001\"").contains("\"attachments\":["));
            assertThat(bodies).anySatisfy(body -> assertThat(body).contains("\"type\":\"edited\"")
                    .contains("\"edited\":{\"mid\":\"" + mid + "\"").contains("this one, in olive?")
                    .contains("\"editCount\":1"));
            assertThat(bodies).anySatisfy(body -> assertThat(body).contains("\"type\":\"handover\"")
                    .contains("\"action\":\"pass_thread_control\"").contains("to the bot"));
        });
        // only the share opened the window: the edit and the handover left it as the share set it
        assertThat(get(processor + "/windows/" + SHARING_CUSTOMER)).contains("\"openedBy\":\"SHARE\"");
    }

    @Test
    void shouldDeliverACommentAndItsReplyOnceEachToACommentWebhook() throws Exception {
        String channelId = stack.demoChannel().orElseThrow().channelId();
        String endpoint = "http://localhost:" + receiver.getAddress().getPort() + "/hooks/comments";
        int known = webhooksKnownToTheDispatcher();
        assertThat(post(ingress + "/v1/organization/webhook", key, "{\"label\":\"comments\",\"endpoint\":\""
                + endpoint + "\",\"eventType\":\"Comment\"}").statusCode()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> webhooksKnownToTheDispatcher() > known);

        // a user comments on the shop's seeded post, then answers their own comment in its thread
        String commented = post(sandbox + "/sandbox/simulate/comment", null, "{\"account\":\"fixture.shop\","
                + "\"from\":\"" + COMMENTER + "\",\"text\":\"price?\"}").body();
        String commentId = group(SIMULATED_MID, commented);
        String replied = post(sandbox + "/sandbox/simulate/comment", null, "{\"account\":\"fixture.shop\","
                + "\"from\":\"" + COMMENTER + "\",\"text\":\"and in green?\",\"parentId\":\"" + commentId
                + "\"}").body();
        String replyId = group(SIMULATED_MID, replied);

        await().atMost(Duration.ofSeconds(30)).until(() -> commentsOf(COMMENTER).size() >= 2);
        // exactly once: nothing more arrives for them
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> commentsOf(COMMENTER).size() == 2);
        List<String> comments = commentsOf(COMMENTER);
        assertThat(comments.get(0)).contains(channelId).contains("\"commentId\":\"" + commentId + "\"")
                .contains("\"text\":\"price?\"").contains("\"productType\":\"FEED\"")
                .contains("\"live\":false").contains("\"parentId\":null");
        assertThat(comments.get(1)).contains("\"commentId\":\"" + replyId + "\"")
                .contains("\"parentId\":\"" + commentId + "\"").contains("and in green?");
        Pattern sequence = Pattern.compile("\"sequence\"\\s*:\\s*([0-9]+)");
        assertThat(Long.parseLong(group(sequence, comments.get(1))))
                .isGreaterThan(Long.parseLong(group(sequence, comments.get(0))));
        // comments are not messages and open no window
        assertThat(messagesOf(COMMENTER)).isEmpty();
        assertThat(get(processor + "/windows/" + COMMENTER)).doesNotContain("openedBy");
    }

    /** The signed Comment events by one author that the receiver got, in arrival order. */
    private List<String> commentsOf(String igsid) {
        return received.stream()
                .filter(line -> line.startsWith("t=") && line.contains(",v1=")
                        && line.contains("\"eventType\":\"Comment\"")
                        && line.contains("\"from\":{\"id\":\"" + igsid + "\""))
                .toList();
    }

    /** The signed Message events about one customer that the receiver got. */
    private List<String> messagesOf(String igsid) {
        return received.stream()
                .filter(line -> line.startsWith("t=") && line.contains(",v1=")
                        && line.contains("\"eventType\":\"Message\"") && line.contains("\"from\":\"" + igsid + "\""))
                .toList();
    }

    /** The statuses of one message that the MessageStatus webhook received, signed, in arrival order. */
    private List<String> statusesOf(String messageId) {
        Pattern status = Pattern.compile("\"status\"\\s*:\\s*\"([a-z]+)\"");
        return received.stream()
                .filter(line -> line.startsWith("t=") && line.contains(",v1=")
                        && line.contains("\"eventType\":\"MessageStatus\"") && line.contains(messageId))
                .map(line -> group(status, line.substring(line.indexOf(' ') + 1)))
                .toList();
    }

    private InstagramEvent firstEventOf(Map<String, String> env, String igsid) {
        Properties props = new Properties();
        props.put("bootstrap.servers", env.get("KAFKA_BOOTSTRAP_SERVERS"));
        props.put("group.id", "walkthrough-it-" + igsid);
        props.put("auto.offset.reset", "earliest");
        props.put("isolation.level", "read_committed");
        var serdes = AvroSerdes.fromUrl(env.get("SCHEMA_REGISTRY_URL"), Optional.empty());
        try (KafkaConsumer<String, InstagramEvent> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                serdes.deserializer(InstagramEvent.class))) {
            consumer.subscribe(List.of("ig.events"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, InstagramEvent> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key().equals(igsid)) {
                        return record.value();
                    }
                }
            }
        }
        throw new AssertionError("no InstagramEvent for " + igsid + " on ig.events within 30 s");
    }

    /** A receiver that answers the validation handshake and records "signature body" of every other POST. */
    private static HttpServer receiver(List<String> received) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String token = exchange.getRequestHeaders().getFirst("X-Validation-Token");
            byte[] answer = token != null ? ("\"" + token + "\"").getBytes(StandardCharsets.UTF_8) : new byte[0];
            if (token == null) {
                received.add(exchange.getRequestHeaders().getFirst("X-hub-Signature") + " " + body);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** The dispatcher's igrelay_dispatcher_webhooks_known gauge. */
    private int webhooksKnownToTheDispatcher() throws Exception {
        Matcher gauge = Pattern.compile("(?m)^igrelay_dispatcher_webhooks_known(?:\\{[^}]*\\})? ([0-9.]+)")
                .matcher(get(dispatcher + "/metrics"));
        assertThat(gauge.find()).as("igrelay_dispatcher_webhooks_known on the dispatcher's /metrics").isTrue();
        return (int) Double.parseDouble(gauge.group(1));
    }

    private StackSettings settings() throws Exception {
        var ports = StackPorts.free();
        String classpath = "target/classes" + java.io.File.pathSeparator
                + Files.readString(Path.of("target/classpath.txt")).trim();
        Path apicurio = Path.of(System.getProperty("apicurio.dir", "target/apicurio"));
        return new StackSettings(home, apicurio, classpath, ports, ServiceSpec.select(ports, "all"), Map.of());
    }

    private HttpResponse<String> post(String url, String apiKey, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (apiKey != null) {
            request.header("x-api-key", apiKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private String getWithKey(String url, String apiKey) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("x-api-key", apiKey)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as("%s in %s", pattern, text).isTrue();
        return m.group(1);
    }
}
