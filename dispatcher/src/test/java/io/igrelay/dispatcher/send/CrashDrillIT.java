package io.igrelay.dispatcher.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.Flavour;
import io.igrelay.avro.MessagingType;
import io.igrelay.avro.TextContent;
import io.igrelay.dispatcher.DispatcherMain;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.schemas.topics.Topics;
import io.igrelay.testkit.FreePorts;
import io.igrelay.testkit.KafkaStack;
import io.igrelay.testkit.KafkaStackExtension;
import io.igrelay.testkit.ServiceEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/*
 * The crash drill of issue 6: 5,000 messages over 500 conversations, the dispatcher running in a forked JVM that
 * is killed with SIGKILL twice mid-run and started again. Afterwards every message reached the Send API, each
 * conversation's first deliveries are in order, and the number sent twice is reported (bounded by what was in
 * flight at each kill; the ledger stops anything older from repeating).
 */
@ExtendWith(KafkaStackExtension.class)
class CrashDrillIT {

    private static final String ACCOUNT = "17841463920184527";
    private static final int CONVERSATIONS = 500;
    private static final int PER_CONVERSATION = 10;
    private static final int TOTAL = CONVERSATIONS * PER_CONVERSATION;

    @Test
    void shouldSendEveryMessageInOrderAcrossTwoKills(KafkaStack stack) throws Exception {
        String prefix = "crash-it-" + Long.toHexString(System.nanoTime()) + ".";
        String channelId = UUID.randomUUID().toString();
        try (FakeGraphServer graph = new FakeGraphServer();
                KafkaProducer<String, Object> producer = new KafkaProducer<>(stack.producerProps(),
                        new StringSerializer(), stack.serdes().serializer())) {
            graph.latencyUpTo(20);
            Map<String, String> env = ServiceEnvironment.base(stack, prefix);
            env.put("GRAPH_INSTAGRAM_URL", graph.url("/graph.instagram.com"));
            env.put("DISPATCHER_TEXT_RATE_PER_SECOND", "100000");
            env.put("DISPATCHER_MAX_CONCURRENCY", "500");

            Process dispatcher = fork(env);
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> topicExists(stack, prefix));
                Instant now = Instant.now();
                producer.send(new ProducerRecord<>(prefix + Topics.CHANNELS.baseName(), channelId,
                        Channel.newBuilder().setChannelId(channelId).setApplicationId("app").setIgUserId(ACCOUNT)
                                .setUsername("shop").setFlavour(Flavour.INSTAGRAM_LOGIN)
                                .setToken(TokenCipher.parse(ServiceEnvironment.TEST_TOKEN_KEYS).encrypt("t"))
                                .setStatus(ChannelStatus.ACTIVE).setConnectedAt(now).setUpdatedAt(now).build()))
                        .get();
                Thread.sleep(1000);
                for (int n = 0; n < PER_CONVERSATION; n++) {
                    for (int c = 0; c < CONVERSATIONS; c++) {
                        String igsid = Long.toString(26483910275519084L + c);
                        producer.send(new ProducerRecord<>(prefix + Topics.OUTBOUND_DISPATCH.baseName(),
                                ACCOUNT + "|" + igsid, DispatchCommand.newBuilder()
                                        .setMessageId(UUID.randomUUID().toString()).setApplicationId("app")
                                        .setChannelId(channelId).setIgAccountId(ACCOUNT).setIgsid(igsid)
                                        .setFlavour(Flavour.INSTAGRAM_LOGIN).setContent(new TextContent("seq " + n))
                                        .setMessagingType(MessagingType.RESPONSE).setAcceptedAt(now)
                                        .setNotAfter(now.plusSeconds(3600)).build()));
                    }
                }
                producer.flush();

                for (int kill = 1; kill <= 2; kill++) {
                    int threshold = TOTAL * kill / 3;
                    await().atMost(Duration.ofSeconds(120)).until(() -> graph.received.size() >= threshold);
                    dispatcher.destroyForcibly().waitFor(); // SIGKILL: no drain, no commit
                    dispatcher = fork(env);
                }
                await().atMost(Duration.ofSeconds(180)).until(() -> distinct(graph) == TOTAL);
                Thread.sleep(2000); // let stragglers show
            } finally {
                dispatcher.destroy();
                dispatcher.waitFor();
            }

            int duplicates = graph.received.size() - distinct(graph);
            System.out.printf("CRASH DRILL: %d messages, %d Send API calls, %d sent twice%n", TOTAL,
                    graph.received.size(), duplicates);
            for (int c = 0; c < CONVERSATIONS; c++) {
                String igsid = Long.toString(26483910275519084L + c);
                List<String> firsts = graph.to(igsid).stream().map(FakeGraphServer.Received::text).distinct().toList();
                List<String> expected = new ArrayList<>();
                for (int n = 0; n < PER_CONVERSATION; n++) {
                    expected.add("seq " + n);
                }
                assertThat(firsts).as("first deliveries of conversation %s", igsid).isEqualTo(expected);
            }
            assertThat(duplicates).as("sent twice (at most what was in flight at the two kills)")
                    .isLessThanOrEqualTo(2 * CONVERSATIONS);
        }
    }

    private static long distinctCount(FakeGraphServer graph) {
        return graph.received.stream().map(r -> r.recipient() + "/" + r.text()).distinct().count();
    }

    private static int distinct(FakeGraphServer graph) {
        return (int) distinctCount(graph);
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
