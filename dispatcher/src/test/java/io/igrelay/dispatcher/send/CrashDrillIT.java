package io.igrelay.dispatcher.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.Flavour;
import io.igrelay.avro.MessagingType;
import io.igrelay.avro.SendOutcome;
import io.igrelay.avro.SendRecord;
import io.igrelay.avro.TextContent;
import io.igrelay.dispatcher.DispatcherMain;
import io.igrelay.sandbox.Sandbox;
import io.igrelay.sandbox.SandboxConfig;
import io.igrelay.sandbox.fault.FaultPlan;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.schemas.topics.Topics;
import io.igrelay.testkit.FreePorts;
import io.igrelay.testkit.KafkaStack;
import io.igrelay.testkit.KafkaStackExtension;
import io.igrelay.testkit.ServiceEnvironment;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/*
 * The crash drill: 5,000 messages over 500 conversations, the dispatcher running in a forked JVM that is killed
 * with SIGKILL twice mid-run and started again, against the sandbox in this JVM (20 ms jitter). Afterwards every
 * message reached the Send API, and each conversation's whole send sequence has the only shape a kill allows: 0, 1,
 * 2, … 9, where a number may repeat right after itself (the call in flight at a kill, sent again by the next
 * process) at most once per kill; anything older never repeats (the ledger), nothing goes back (3, 4, 3 fails).
 * Every message sent twice carries possibleDuplicate on its ledger outcome (the attempt record of the killed run).
 */
@ExtendWith(KafkaStackExtension.class)
class CrashDrillIT {

    private static final String ACCOUNT = "17841463920184527";
    private static final int CONVERSATIONS = 500;
    private static final int PER_CONVERSATION = 10;
    private static final int TOTAL = CONVERSATIONS * PER_CONVERSATION;
    private static final int KILLS = 2;

    @Test
    void shouldSendEveryMessageInOrderAcrossTwoKills(KafkaStack stack) throws Exception {
        String prefix = "crash-it-" + Long.toHexString(System.nanoTime()) + ".";
        String channelId = UUID.randomUUID().toString();
        Vertx vertx = Vertx.vertx();
        Sandbox sandbox = Sandbox.startBlocking(vertx, SandboxConfig.fromEnv(Map.of("SANDBOX_PORT", "0",
                "SANDBOX_ECHOES", "false", "SANDBOX_RATE_LIMIT_TEXT", "0", "SANDBOX_RATE_LIMIT_MEDIA", "0",
                "SANDBOX_LOG_LIMIT", Integer.toString(TOTAL * 3), "SANDBOX_WEBHOOK_URL", "http://127.0.0.1:1/unused")));
        Map<String, String> messageIds = new HashMap<>(); // "<igsid>/seq <n>" -> hub message id
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(stack.producerProps(),
                new StringSerializer(), stack.serdes().serializer())) {
            sandbox.state().faults().set(new FaultPlan(3, 0, 20, 0, 0, List.of(1, 2, 1200), 0, List.of(), null));
            for (int c = 0; c < CONVERSATIONS; c++) {
                sandbox.users().openWindow(ACCOUNT, igsid(c), sandbox.clock().millis());
            }
            Map<String, String> env = ServiceEnvironment.base(stack, prefix);
            env.put("GRAPH_INSTAGRAM_URL", sandbox.graphInstagramUrl());
            env.put("DISPATCHER_TEXT_RATE_PER_SECOND", "100000");
            env.put("DISPATCHER_MAX_CONCURRENCY", "500");

            Process dispatcher = fork(env);
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> topicExists(stack, prefix));
                Instant now = Instant.now();
                producer.send(new ProducerRecord<>(prefix + Topics.CHANNELS.baseName(), channelId,
                        Channel.newBuilder().setChannelId(channelId).setApplicationId("app").setIgUserId(ACCOUNT)
                                .setUsername("shop").setFlavour(Flavour.INSTAGRAM_LOGIN)
                                .setToken(TokenCipher.parse(ServiceEnvironment.TEST_TOKEN_KEYS).encrypt(
                                        sandbox.issueToken(ACCOUNT, io.igrelay.sandbox.state.Flavour.INSTAGRAM_LOGIN)))
                                .setStatus(ChannelStatus.ACTIVE).setConnectedAt(now).setUpdatedAt(now).build()))
                        .get();
                Thread.sleep(1000);
                for (int n = 0; n < PER_CONVERSATION; n++) {
                    for (int c = 0; c < CONVERSATIONS; c++) {
                        String igsid = igsid(c);
                        String messageId = UUID.randomUUID().toString();
                        messageIds.put(igsid + "/seq " + n, messageId);
                        producer.send(new ProducerRecord<>(prefix + Topics.OUTBOUND_DISPATCH.baseName(),
                                ACCOUNT + "|" + igsid, DispatchCommand.newBuilder()
                                        .setMessageId(messageId).setApplicationId("app")
                                        .setChannelId(channelId).setIgAccountId(ACCOUNT).setIgsid(igsid)
                                        .setFlavour(Flavour.INSTAGRAM_LOGIN).setContent(new TextContent("seq " + n))
                                        .setMessagingType(MessagingType.RESPONSE).setAcceptedAt(now)
                                        .setNotAfter(now.plusSeconds(3600)).build()));
                    }
                }
                producer.flush();

                for (int kill = 1; kill <= KILLS; kill++) {
                    int threshold = TOTAL * kill / (KILLS + 1);
                    await().atMost(Duration.ofSeconds(120)).until(() -> sends(sandbox).size() >= threshold);
                    // SIGKILL: no drain, no commit
                    assertThat(dispatcher.destroyForcibly().waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
                    dispatcher = fork(env);
                }
                await().atMost(Duration.ofSeconds(180)).until(() -> distinct(sends(sandbox)).size() == TOTAL);
                Thread.sleep(2000); // let stragglers show
            } finally {
                dispatcher.destroy();
                if (!dispatcher.waitFor(30, TimeUnit.SECONDS)) {
                    dispatcher.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }

            List<String> sends = sends(sandbox);
            Map<String, Long> times = sends.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
            List<String> twice = times.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                    .toList();
            System.out.printf("CRASH DRILL: %d messages, %d Send API calls, %d sent twice%n", TOTAL, sends.size(),
                    sends.size() - TOTAL);
            for (int c = 0; c < CONVERSATIONS; c++) {
                String igsid = igsid(c);
                List<Integer> sequence = sends.stream().filter(s -> s.startsWith(igsid + "/seq "))
                        .map(s -> Integer.parseInt(s.substring(igsid.length() + 5))).toList();
                assertThat(repeats(sequence)).as("send sequence of conversation %s: %s", igsid, sequence)
                        .isBetween(0, KILLS);
            }
            Set<String> flagged = stack.readAll(prefix + Topics.DISPATCH_LEDGER.baseName(), new StringDeserializer(),
                    stack.serdes().deserializer(SendRecord.class), TOTAL, Duration.ofSeconds(30)).stream()
                    .map(ConsumerRecord::value)
                    .filter(r -> r.getOutcome() == SendOutcome.SENT && r.getPossibleDuplicate())
                    .map(SendRecord::getMessageId).collect(Collectors.toSet());
            System.out.printf("CRASH DRILL: %d outcome(s) flagged possibleDuplicate%n", flagged.size());
            assertThat(twice.stream().map(messageIds::get).toList())
                    .as("every message sent twice is counted as a possible duplicate").isSubsetOf(flagged);
        } finally {
            sandbox.close().await();
            vertx.close().await();
        }
    }

    /**
     * How many sends of a conversation repeat the one right before them, failing unless the sequence is 0 … 9 in
     * steps of 0 or 1 (a step of 0 being such a repeat).
     */
    private static int repeats(List<Integer> sequence) {
        assertThat(sequence).as("sequence %s starts at 0 and ends at the last message", sequence).isNotEmpty()
                .startsWith(0).endsWith(PER_CONVERSATION - 1);
        int repeats = 0;
        for (int i = 1; i < sequence.size(); i++) {
            int step = sequence.get(i) - sequence.get(i - 1);
            assertThat(step).as("step %d of sequence %s (0 = the call in flight at a kill, sent again)", i, sequence)
                    .isBetween(0, 1);
            repeats += step == 0 ? 1 : 0;
        }
        return repeats;
    }

    private static String igsid(int conversation) {
        return Long.toString(26483910275519084L + conversation);
    }

    /** "<igsid>/<text>" of every call the sandbox accepted, in the order it took them. */
    private static List<String> sends(Sandbox sandbox) {
        return sandbox.state().sends().list(r -> r.httpStatus() == 200, Integer.MAX_VALUE).stream()
                .sorted(Comparator.comparingLong(io.igrelay.sandbox.send.SendRecord::seq))
                .map(r -> r.recipientId() + "/" + r.body().path("message").path("text").asText(""))
                .toList();
    }

    private static List<String> distinct(List<String> sends) {
        return sends.stream().distinct().toList();
    }

    private static boolean topicExists(KafkaStack stack, String prefix) throws Exception {
        return stack.admin().listTopics().names().get().contains(prefix + Topics.OUTBOUND_DISPATCH.baseName());
    }

    private static Process fork(Map<String, String> env) throws Exception {
        Map<String, String> vars = new HashMap<>(env);
        vars.put("DISPATCHER_PORT", Integer.toString(FreePorts.find()));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path dir = Files.createDirectories(Path.of("target", "crash-drill"));
        Path log = Files.createTempFile(dir, "dispatcher-", ".log");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                DispatcherMain.class.getName());
        builder.environment().putAll(vars);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        System.out.println("CRASH DRILL: dispatcher log at " + log);
        return builder.start();
    }

}
