package io.igrelay.dispatcher.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.ChannelEventType;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.DeadLetter;
import io.igrelay.avro.DeliveryState;
import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.Flavour;
import io.igrelay.avro.InteractiveContent;
import io.igrelay.avro.InteractiveOption;
import io.igrelay.avro.InteractiveType;
import io.igrelay.avro.MediaKind;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.MessagingType;
import io.igrelay.avro.ReactionContent;
import io.igrelay.avro.SenderAction;
import io.igrelay.avro.SenderActionContent;
import io.igrelay.avro.StickerContent;
import io.igrelay.avro.TextContent;
import io.igrelay.dispatcher.Commands;
import io.igrelay.dispatcher.DispatcherConfig;
import io.igrelay.dispatcher.DispatcherService;
import io.igrelay.dispatcher.Fixtures;
import io.igrelay.dispatcher.RichContents;
import io.igrelay.sandbox.Sandbox;
import io.igrelay.sandbox.SandboxConfig;
import io.igrelay.sandbox.fault.FaultPlan;
import io.igrelay.sandbox.send.SendRecord;
import io.igrelay.sandbox.state.Directory;
import io.igrelay.sandbox.state.IgAccount;
import io.igrelay.schemas.config.MetaSettings;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.schemas.serde.AvroSerdes;
import io.igrelay.schemas.topics.Topics;
import io.igrelay.testkit.FreePorts;
import io.igrelay.testkit.KafkaStack;
import io.igrelay.testkit.KafkaStackExtension;
import io.igrelay.testkit.ServiceEnvironment;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/*
 * The Send API path end to end: a real broker and registry, the real DispatcherService, and the project's sandbox
 * (Meta's side, in this JVM) with its own tokens, windows, validation and fault script. Channels are seeded on
 * ig.channels as the processor would; commands go on ig.outbound.dispatch as the gate would; the test reads statuses,
 * channel events and dead letters back from Kafka and the calls from the sandbox's send log. Every error class here
 * is one the sandbox produces itself (closed window, unavailable customer, scripted transient codes, revoked token).
 */
@ExtendWith(KafkaStackExtension.class)
class SendPathIT {

    private static final String IG_ACCOUNT = Directory.ACCOUNT_A;
    private static final String FB_ACCOUNT = Directory.ACCOUNT_B;
    private static final String ERR_ACCOUNT = "17841400000000555"; // its own fault script and a revocable token
    private static final String IG_CHANNEL = UUID.randomUUID().toString();
    private static final String FB_CHANNEL = UUID.randomUUID().toString();
    private static final String ERR_CHANNEL = UUID.randomUUID().toString();
    private static final AtomicLong IGSIDS = new AtomicLong(7309182736451928L);

    private static KafkaStack stack;
    private static Vertx vertx;
    private static Sandbox sandbox;
    private static String errToken;
    private static String prefix;
    private static Map<String, String> env;
    private static DispatcherService service;
    private static AvroSerdes serdes;
    private static KafkaProducer<String, Object> producer;

    @BeforeAll
    static void start(KafkaStack kafkaStack) throws Exception {
        stack = kafkaStack;
        vertx = Vertx.vertx();
        sandbox = Sandbox.startBlocking(vertx, SandboxConfig.fromEnv(Map.of("SANDBOX_PORT", "0",
                "SANDBOX_ECHOES", "false", "SANDBOX_RATE_LIMIT_TEXT", "0", "SANDBOX_RATE_LIMIT_MEDIA", "0",
                "SANDBOX_WEBHOOK_URL", "http://127.0.0.1:1/unused")));
        sandbox.state().directory().add(new IgAccount(ERR_ACCOUNT, "27140385936052555", "fixture.errors",
                "Fixture Errors", "BUSINESS", 0, 0));
        prefix = "send-it-" + Long.toHexString(System.nanoTime()) + ".";
        env = ServiceEnvironment.base(stack, prefix);
        env.put("DISPATCHER_PORT", Integer.toString(FreePorts.find()));
        env.put("GRAPH_INSTAGRAM_URL", sandbox.graphInstagramUrl());
        env.put("GRAPH_FACEBOOK_URL", sandbox.graphFacebookUrl());
        env.put("META_APP_ID", SandboxConfig.DEV_META_APP_ID);
        env.put("META_APP_SECRET", SandboxConfig.DEV_META_APP_SECRET); // the sandbox checks appsecret_proof
        env.put("DISPATCHER_RETRY_INITIAL", "50ms");
        env.put("DISPATCHER_RETRY_MAX", "200ms");
        env.put("DISPATCHER_MAX_ATTEMPTS", "3");
        env.put("DISPATCHER_TEXT_RATE_PER_SECOND", "10000");
        env.put("DISPATCHER_MEDIA_RATE_PER_SECOND", "10000");
        serdes = stack.serdes();
        producer = new KafkaProducer<>(stack.producerProps(), new StringSerializer(), serdes.serializer());
        service = new DispatcherService(DispatcherConfig.fromEnv(env)).start();
        TokenCipher cipher = TokenCipher.parse(ServiceEnvironment.TEST_TOKEN_KEYS);
        seedChannel(cipher, IG_CHANNEL, IG_ACCOUNT, Flavour.INSTAGRAM_LOGIN,
                sandbox.issueToken(IG_ACCOUNT, io.igrelay.sandbox.state.Flavour.INSTAGRAM_LOGIN));
        seedChannel(cipher, FB_CHANNEL, FB_ACCOUNT, Flavour.FACEBOOK_LOGIN,
                sandbox.issueToken(FB_ACCOUNT, io.igrelay.sandbox.state.Flavour.FACEBOOK_LOGIN));
        errToken = sandbox.issueToken(ERR_ACCOUNT, io.igrelay.sandbox.state.Flavour.INSTAGRAM_LOGIN);
        seedChannel(cipher, ERR_CHANNEL, ERR_ACCOUNT, Flavour.INSTAGRAM_LOGIN, errToken);
        Thread.sleep(500); // the service's channel view follows ig.channels
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (sandbox != null) {
            sandbox.close().await();
        }
        if (vertx != null) {
            vertx.close().await();
        }
    }

    @Test
    void shouldDeliverEveryContentKindWithTheFixtureBody() {
        String igsid = openConversation(IG_ACCOUNT);
        List<Object> contents = List.of(new TextContent("Yes, the olive tote is in stock."),
                Commands.media(MediaKind.IMAGE, "https://cdn.fixture-shop.example/media/lookbook-winter-2025.jpg",
                        "Winter lookbook"),
                Commands.media(MediaKind.VIDEO, "https://cdn.fixture-shop.example/media/tote-care-guide.mp4", null),
                Commands.media(MediaKind.AUDIO, "https://cdn.fixture-shop.example/media/welcome-voice-note.m4a",
                        null),
                Commands.media(MediaKind.FILE, "https://cdn.fixture-shop.example/media/size-chart.pdf", null),
                new StickerContent("like_heart"),
                InteractiveContent.newBuilder().setType(InteractiveType.BUTTON)
                        .setBody("How would you like to get your order?")
                        .setOptions(List.of(new InteractiveOption("DELIVERY_HOME", "Home delivery"),
                                new InteractiveOption("DELIVERY_PICKUP", "Pick up in store"),
                                new InteractiveOption("HANDOFF_HUMAN", "Talk to a person"))).build(),
                InteractiveContent.newBuilder().setType(InteractiveType.CTA_URL)
                        .setBody("What can we help you with?")
                        .setCtaUrl("https://fixture-shop.example/orders/track").setCtaTitle("Track my order")
                        .setOptions(List.of(new InteractiveOption("HANDOFF_HUMAN", "Talk to a person"))).build(),
                new ReactionContent("hub-1", "\u2764\ufe0f"),
                new ReactionContent("hub-1", null),
                new SenderActionContent(SenderAction.MARK_SEEN),
                new SenderActionContent(SenderAction.TYPING_ON));
        String reactionMid = Fixtures.json("send-request-reaction-react.json").getJsonObject("payload")
                .getString("message_id");
        List<String> ids = new ArrayList<>();
        for (Object content : contents) {
            DispatchCommand.Builder command = command(IG_CHANNEL, IG_ACCOUNT, igsid, content);
            if (content instanceof ReactionContent) {
                command.setReactionTargetMid(reactionMid);
            }
            ids.add(publish(command.build()));
        }

        List<MessageStatus> statuses = statuses(ids);

        assertThat(statuses).allSatisfy(s -> assertThat(s.getStatus()).isEqualTo(DeliveryState.SENT));
        List<SendRecord> calls = calls(igsid);
        assertThat(calls).hasSize(contents.size() + 1); // the caption is a second call
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.path())
                    .endsWith("/" + MetaSettings.DEFAULT_GRAPH_API_VERSION + "/" + IG_ACCOUNT + "/messages");
            assertThat(call.host()).contains("graph.instagram.com");
            assertThat(call.httpStatus()).as("the sandbox accepted token, path and body").isEqualTo(200);
        });
        List<JsonObject> expected = new ArrayList<>();
        for (String fixture : java.util.Arrays.asList("send-request-text.json", "send-request-image-url.json", null,
                "send-request-video.json", "send-request-audio.json", "send-request-file.json",
                "send-request-sticker-like-heart.json", "send-request-quick-replies.json",
                "send-request-button-template.json", "send-request-reaction-react.json",
                "send-request-reaction-unreact.json", "send-request-mark-seen.json", "send-request-typing-on.json")) {
            expected.add(fixture == null ? textBody(igsid, "Winter lookbook") : retarget(Fixtures.json(fixture), igsid));
        }
        expected.set(0, textBody(igsid, "Yes, the olive tote is in stock."));
        assertThat(calls.stream().map(SendPathIT::body).toList()).containsExactlyElementsOf(expected);
        assertThat(statuses.stream().filter(s -> !s.getMetaMessageIds().isEmpty())
                .flatMap(s -> s.getMetaMessageIds().stream()).toList())
                .as("statuses carry the mids the sandbox issued")
                .isSubsetOf(calls.stream().map(SendRecord::messageId).toList());
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void shouldDeliverEveryRichKindWithItsDocumentedBodyOnBothHosts(Flavour flavour) {
        boolean instagram = flavour == Flavour.INSTAGRAM_LOGIN;
        String account = instagram ? IG_ACCOUNT : FB_ACCOUNT;
        String channel = instagram ? IG_CHANNEL : FB_CHANNEL;
        String igsid = openConversation(account);
        JsonObject reply = Fixtures.local("send-request-reply-to.json");
        String quoted = reply.getJsonObject("message").getJsonObject("reply_to").getString("mid");
        List<DispatchCommand> commands = List.of(
                command(channel, account, igsid, Commands.media(MediaKind.FILE,
                        "https://cdn.fixture-shop.example/media/size-chart.pdf", null)).build(),
                command(channel, account, igsid, new TextContent("Yes, it ships tomorrow.")).setReplyToMid(quoted)
                        .build(),
                command(channel, account, igsid, RichContents.images()).build(),
                command(channel, account, igsid, RichContents.carousel()).build(),
                command(channel, account, igsid, RichContents.singleCard()).build(),
                command(channel, account, igsid, RichContents.postShare()).build(),
                command(channel, account, igsid, RichContents.fileById()).build());
        List<String> ids = commands.stream().map(SendPathIT::publish).toList();

        assertThat(statuses(ids)).allSatisfy(s -> assertThat(s.getStatus()).as(s.toString())
                .isEqualTo(DeliveryState.SENT));
        List<SendRecord> calls = calls(igsid);
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.host()).contains(instagram ? "graph.instagram.com" : "graph.facebook.com");
            assertThat(call.path()).endsWith("/" + MetaSettings.DEFAULT_GRAPH_API_VERSION + "/"
                    + (instagram ? IG_ACCOUNT : "me") + "/messages");
            assertThat(call.httpStatus()).as("the sandbox accepted token, path and body").isEqualTo(200);
        });
        assertThat(calls.stream().map(SendPathIT::body).toList()).containsExactly(
                retarget(Fixtures.json("send-request-file.json"), igsid),
                retarget(reply, igsid),
                retarget(Fixtures.local("send-request-images.json"), igsid),
                retarget(Fixtures.local("send-request-generic-carousel.json"), igsid),
                retarget(Fixtures.json("send-request-generic-template.json"), igsid),
                retarget(Fixtures.local("send-request-media-share.json"), igsid),
                retarget(Fixtures.local("send-request-attachment-id.json"), igsid));
    }

    @Test
    void shouldSendFacebookLoginCallsWithPageTokenProofAndMessageTag() {
        String igsid = openConversation(FB_ACCOUNT);
        String id = publish(command(FB_CHANNEL, FB_ACCOUNT, igsid, new TextContent(
                "Sorry for the wait over the weekend. Your refund was approved this morning."))
                .setMessagingType(MessagingType.MESSAGE_TAG).setTag("HUMAN_AGENT").build());

        assertThat(statuses(List.of(id))).singleElement()
                .satisfies(s -> assertThat(s.getStatus()).isEqualTo(DeliveryState.SENT));
        SendRecord call = calls(igsid).get(0);
        assertThat(call.host()).contains("graph.facebook.com");
        assertThat(call.path()).endsWith("/" + MetaSettings.DEFAULT_GRAPH_API_VERSION + "/me/messages");
        assertThat(call.httpStatus()).as("Page token and appsecret_proof accepted").isEqualTo(200);
        assertThat(call.tag()).isEqualTo("HUMAN_AGENT");
        assertThat(body(call)).isEqualTo(retarget(Fixtures.json("send-request-human-agent-fb-login.json"), igsid));
    }

    @Test
    void shouldKeepEachConversationInOrderUnderConcurrency() {
        sandbox.state().faults().set(new FaultPlan(7, 0, 20, 0, 0, List.of(1, 2, 1200), 0, List.of(), IG_ACCOUNT));
        try {
            int conversations = 40;
            int perConversation = 15;
            List<String> igsids = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int c = 0; c < conversations; c++) {
                igsids.add(openConversation(IG_ACCOUNT));
            }
            for (int n = 0; n < perConversation; n++) {
                for (String igsid : igsids) {
                    ids.add(publish(command(IG_CHANNEL, IG_ACCOUNT, igsid, new TextContent("seq " + n)).build()));
                }
            }

            assertThat(statuses(ids)).hasSize(ids.size())
                    .allSatisfy(s -> assertThat(s.getStatus()).isEqualTo(DeliveryState.SENT));
            for (String igsid : igsids) {
                assertThat(calls(igsid).stream().map(SendPathIT::text).toList())
                        .as("order of conversation %s", igsid)
                        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, perConversation)
                                .mapToObj(n -> "seq " + n).toList());
            }
        } finally {
            sandbox.state().faults().set(FaultPlan.none(1));
        }
    }

    @Test
    void shouldTurnEachErrorClassIntoTheRightRecords() {
        // transient code 1 (Meta answers "unknown error": bounded retries) from the sandbox's fault script, scoped to
        // this account: 3 for "exhausted" (every attempt), 2 for "recovered" (which then goes through)
        String flaky = openConversation(ERR_ACCOUNT);
        sandbox.state().faults().set(new FaultPlan(7, 0, 0, 0, 0, List.of(1, 2, 1200), 0,
                List.of("1", "1", "1", "1", "1"), ERR_ACCOUNT));
        String exhausted;
        String recovered;
        try {
            exhausted = publish(command(ERR_CHANNEL, ERR_ACCOUNT, flaky, new TextContent("exhausted")).build());
            recovered = publish(command(ERR_CHANNEL, ERR_ACCOUNT, flaky, new TextContent("recovered")).build());
            statuses(List.of(exhausted, recovered));
        } finally {
            sandbox.state().faults().set(FaultPlan.none(1));
        }
        String closed = nextIgsid(); // wrote 8 days ago: past even the human-agent window
        sandbox.users().openWindow(ERR_ACCOUNT, closed, sandbox.clock().millis() - Duration.ofDays(8).toMillis());
        String unavailable = openConversation(ERR_ACCOUNT);
        sandbox.state().directory().customerOrCreate(unavailable).unavailable(true);
        String window = publish(command(ERR_CHANNEL, ERR_ACCOUNT, closed, new TextContent("too late")).build());
        String permanent = publish(command(ERR_CHANNEL, ERR_ACCOUNT, unavailable, new TextContent("blocked"))
                .build());
        String expired = publish(command(ERR_CHANNEL, ERR_ACCOUNT, flaky, new TextContent("late"))
                .setNotAfter(Instant.now().minusSeconds(1)).build());
        statuses(List.of(window, permanent, expired));
        sandbox.state().tokens().revoke(errToken, 460);
        String token = publish(command(ERR_CHANNEL, ERR_ACCOUNT, flaky, new TextContent("revoked")).build());

        Map<String, MessageStatus> byId = statuses(List.of(window, permanent, exhausted, recovered, expired, token))
                .stream().collect(Collectors.toMap(MessageStatus::getMessageId, s -> s, (a, b) -> b));

        assertThat(byId.get(window).getErrorCode()).isEqualTo("WINDOW_CLOSED");
        assertThat(byId.get(window).getChannelErrorCode()).isEqualTo("10/2534022");
        assertThat(byId.get(window).getDecisionTime()).isNotNull();
        assertThat(byId.get(permanent).getChannelErrorCode()).isEqualTo("551/1545041");
        assertThat(byId.get(exhausted).getStatus()).isEqualTo(DeliveryState.FAILED);
        assertThat(byId.get(exhausted).getRetryable()).isTrue();
        assertThat(byId.get(recovered).getStatus()).isEqualTo(DeliveryState.SENT);
        assertThat(byId.get(expired).getErrorCode()).isEqualTo("WINDOW_CLOSED");
        assertThat(byId.get(token).getErrorCode()).isEqualTo("REAUTH_REQUIRED");
        assertThat(calls(flaky).stream().filter(r -> "late".equals(text(r)))).isEmpty();
        assertThat(calls(flaky).stream().filter(r -> "exhausted".equals(text(r)))).hasSize(3);
        assertThat(calls(flaky).stream().filter(r -> "recovered".equals(text(r))).map(SendRecord::httpStatus))
                .hasSize(3).endsWith(200);

        List<DeadLetter> dead = stack.readAll(prefix + Topics.OUTBOUND_DLQ.baseName(), new StringDeserializer(),
                serdes.deserializer(DeadLetter.class), 1, Duration.ofSeconds(30)).stream()
                .filter(r -> exhausted.equals(r.key())).map(ConsumerRecord::value).toList();
        assertThat(dead).hasSize(1);
        List<ChannelEvent> events = stack.readAll(prefix + Topics.CHANNEL_EVENTS.baseName(),
                new StringDeserializer(), serdes.deserializer(ChannelEvent.class), 1, Duration.ofSeconds(30))
                .stream().map(ConsumerRecord::value).toList();
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getType()).isEqualTo(ChannelEventType.TOKEN_INVALID);
            assertThat(e.getChannelId()).isEqualTo(ERR_CHANNEL);
        });
        String metrics = ServiceEnvironment.get("http://localhost:" + service.port() + "/metrics").body();
        assertThat(metrics).contains("igrelay_dispatcher_sends_total{outcome=\"window_closed\"}")
                .contains("igrelay_dispatcher_dlq_total").contains("igrelay_dispatcher_retries_total")
                .contains("igrelay_dispatcher_send_latency_seconds_bucket").contains("igrelay_dispatcher_in_flight")
                .contains("igrelay_dispatcher_possible_duplicates_total").doesNotContain(errToken);
    }

    @Test
    void shouldDeadLetterAnUndecodableCommandAndKeepGoing() throws Exception {
        String igsid = openConversation(IG_ACCOUNT);
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(stack.producerProps(), new StringSerializer(),
                new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(prefix + Topics.OUTBOUND_DISPATCH.baseName(), IG_ACCOUNT + "|" + igsid,
                    new byte[] {0, 0, 0, 0, 1, 42})).get();
        }
        String after = publish(command(IG_CHANNEL, IG_ACCOUNT, igsid, new TextContent("after garbage")).build());

        assertThat(statuses(List.of(after))).singleElement()
                .satisfies(s -> assertThat(s.getStatus()).isEqualTo(DeliveryState.SENT));
        assertThat(stack.readAll(prefix + Topics.OUTBOUND_DLQ.baseName(), new StringDeserializer(),
                serdes.deserializer(DeadLetter.class), 1, Duration.ofSeconds(30)))
                .anySatisfy(r -> assertThat(r.value().getOriginalKey()).isNotNull());
    }

    @Test
    void shouldNotSendAgainWhatTheLedgerHoldsWhenARestartReadsTheTopicAgain() throws Exception {
        String igsid = openConversation(IG_ACCOUNT);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(publish(command(IG_CHANNEL, IG_ACCOUNT, igsid, new TextContent("once " + i)).build()));
        }
        statuses(ids);
        int callsBefore = calls(igsid).size();

        Map<String, String> second = new java.util.HashMap<>(env);
        second.put("DISPATCHER_PORT", Integer.toString(FreePorts.find()));
        second.put("DISPATCHER_GROUP_ID", "igrelay-dispatcher-send-replay"); // reads the whole topic again
        second.put("WEBHOOK_STORE_DIR", ServiceEnvironment.storeDir().toString()); // a store per process
        try (DispatcherService replay = new DispatcherService(DispatcherConfig.fromEnv(second)).start()) {
            String marker = publish(command(IG_CHANNEL, IG_ACCOUNT, igsid, new TextContent("after replay")).build());
            await().atMost(Duration.ofSeconds(30)).until(() -> calls(igsid).stream()
                    .anyMatch(r -> "after replay".equals(text(r))));
            assertThat(marker).isNotNull();
        }

        // the first dispatcher (another group) is still running and may send the marker too; what must never
        // happen is the replaying instance sending again what the ledger already holds
        assertThat(callsBefore).isEqualTo(5);
        assertThat(calls(igsid).stream().filter(r -> text(r) != null && text(r).startsWith("once ")))
                .as("commands the ledger holds are not sent again").hasSize(5);
    }

    private static DispatchCommand.Builder command(String channel, String account, String igsid, Object content) {
        return DispatchCommand.newBuilder().setMessageId(UUID.randomUUID().toString()).setApplicationId("app-it")
                .setChannelId(channel).setIgAccountId(account).setIgsid(igsid)
                .setFlavour(FB_CHANNEL.equals(channel) ? Flavour.FACEBOOK_LOGIN : Flavour.INSTAGRAM_LOGIN)
                .setContent(content).setMessagingType(MessagingType.RESPONSE).setAcceptedAt(Instant.now())
                .setNotAfter(Instant.now().plus(Duration.ofHours(1)));
    }

    private static String publish(DispatchCommand command) {
        try {
            producer.send(new ProducerRecord<>(prefix + Topics.OUTBOUND_DISPATCH.baseName(),
                    command.getIgAccountId() + "|" + command.getIgsid(), command)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return command.getMessageId();
    }

    private static List<MessageStatus> statuses(List<String> ids) {
        java.util.Set<String> wanted = new java.util.HashSet<>(ids);
        List<MessageStatus> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            found.clear();
            stack.readAll(prefix + Topics.MESSAGE_STATUS.baseName(), new StringDeserializer(),
                    serdes.deserializer(MessageStatus.class), 0, Duration.ofSeconds(5)).stream()
                    .map(ConsumerRecord::value).filter(s -> wanted.contains(s.getMessageId())).forEach(found::add);
            return found.stream().map(MessageStatus::getMessageId).distinct().count() == wanted.size();
        });
        return found;
    }

    private static void seedChannel(TokenCipher cipher, String channelId, String account, Flavour flavour,
            String token) throws Exception {
        Instant now = Instant.now();
        producer.send(new ProducerRecord<>(prefix + Topics.CHANNELS.baseName(), channelId, Channel.newBuilder()
                .setChannelId(channelId).setApplicationId("app-it").setIgUserId(account).setUsername("shop")
                .setFlavour(flavour).setToken(cipher.encrypt(token)).setStatus(ChannelStatus.ACTIVE)
                .setConnectedAt(now).setUpdatedAt(now).build())).get();
    }

    /** A new customer who wrote to the account just now (an open 24 h window, no webhook). */
    private static String openConversation(String account) {
        String igsid = nextIgsid();
        sandbox.users().openWindow(account, igsid, sandbox.clock().millis());
        return igsid;
    }

    /** The Send API calls the sandbox took for this customer, oldest first. */
    private static List<SendRecord> calls(String igsid) {
        return sandbox.state().sends().list(r -> igsid.equals(r.recipientId()), Integer.MAX_VALUE).stream()
                .sorted(java.util.Comparator.comparingLong(SendRecord::seq)).toList();
    }

    private static JsonObject body(SendRecord call) {
        return new JsonObject(call.body().toString());
    }

    private static String text(SendRecord call) {
        return call.body() == null ? null : call.body().path("message").path("text").asText(null);
    }

    private static String nextIgsid() {
        return Long.toString(IGSIDS.incrementAndGet());
    }

    private static JsonObject retarget(JsonObject fixture, String igsid) {
        return fixture.copy().put("recipient", new JsonObject().put("id", igsid));
    }

    private static JsonObject textBody(String igsid, String text) {
        return new JsonObject().put("recipient", new JsonObject().put("id", igsid))
                .put("message", new JsonObject().put("text", text));
    }
}
