package io.igrelay.dispatcher.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.Flavour;
import io.igrelay.avro.MessagingType;
import io.igrelay.avro.TextContent;
import io.igrelay.dispatcher.DispatcherConfig;
import io.igrelay.dispatcher.DispatcherService;
import io.igrelay.sandbox.Sandbox;
import io.igrelay.sandbox.SandboxConfig;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.schemas.topics.Topics;
import io.igrelay.testkit.FreePorts;
import io.igrelay.testkit.KafkaStack;
import io.igrelay.testkit.KafkaStackExtension;
import io.igrelay.testkit.ServiceEnvironment;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/* The per-account bucket holds across all of an account's conversations: 20/s configured means no more than the
 * one-second burst plus 20 calls in any second, while all messages still go out. The calls' times come from the
 * sandbox's send log (its own limit is off here, so only the dispatcher's bucket paces them). */
@ExtendWith(KafkaStackExtension.class)
class RateLimitIT {

    private static final String ACCOUNT = "17841463920184527";
    private static final int RATE = 20;

    @Test
    void shouldHoldTheAccountsTextRateAcrossConversations(KafkaStack stack) throws Exception {
        String prefix = "rate-it-" + Long.toHexString(System.nanoTime()) + ".";
        String channelId = UUID.randomUUID().toString();
        Vertx vertx = Vertx.vertx();
        Sandbox sandbox = Sandbox.startBlocking(vertx, SandboxConfig.fromEnv(Map.of("SANDBOX_PORT", "0",
                "SANDBOX_ECHOES", "false", "SANDBOX_RATE_LIMIT_TEXT", "0", "SANDBOX_RATE_LIMIT_MEDIA", "0",
                "SANDBOX_WEBHOOK_URL", "http://127.0.0.1:1/unused")));
        try (AutoCloseable closeSandbox = () -> {
                    sandbox.close().await();
                    vertx.close().await();
                };
                KafkaProducer<String, Object> producer = new KafkaProducer<>(stack.producerProps(),
                        new StringSerializer(), stack.serdes().serializer())) {
            Map<String, String> env = ServiceEnvironment.base(stack, prefix);
            env.put("DISPATCHER_PORT", Integer.toString(FreePorts.find()));
            env.put("GRAPH_INSTAGRAM_URL", sandbox.graphInstagramUrl());
            env.put("DISPATCHER_TEXT_RATE_PER_SECOND", Integer.toString(RATE));
            try (DispatcherService service = new DispatcherService(DispatcherConfig.fromEnv(env)).start()) {
                Instant now = Instant.now();
                producer.send(new ProducerRecord<>(prefix + Topics.CHANNELS.baseName(), channelId,
                        Channel.newBuilder().setChannelId(channelId).setApplicationId("app").setIgUserId(ACCOUNT)
                                .setUsername("shop").setFlavour(Flavour.INSTAGRAM_LOGIN)
                                .setToken(TokenCipher.parse(ServiceEnvironment.TEST_TOKEN_KEYS).encrypt(sandbox.issueToken(
                                        ACCOUNT, io.igrelay.sandbox.state.Flavour.INSTAGRAM_LOGIN)))
                                .setStatus(ChannelStatus.ACTIVE).setConnectedAt(now).setUpdatedAt(now).build()))
                        .get();
                Thread.sleep(500);
                int total = 80;
                for (int i = 0; i < 40; i++) {
                    sandbox.users().openWindow(ACCOUNT, Long.toString(9130571846229375L + i), sandbox.clock().millis());
                }
                for (int i = 0; i < total; i++) {
                    String igsid = Long.toString(9130571846229375L + i % 40);
                    producer.send(new ProducerRecord<>(prefix + Topics.OUTBOUND_DISPATCH.baseName(),
                            ACCOUNT + "|" + igsid, DispatchCommand.newBuilder()
                                    .setMessageId(UUID.randomUUID().toString()).setApplicationId("app")
                                    .setChannelId(channelId).setIgAccountId(ACCOUNT).setIgsid(igsid)
                                    .setFlavour(Flavour.INSTAGRAM_LOGIN).setContent(new TextContent("m" + i))
                                    .setMessagingType(MessagingType.RESPONSE).setAcceptedAt(now)
                                    .setNotAfter(now.plusSeconds(3600)).build()));
                }
                producer.flush();

                await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.state().sentCount() == total);
                List<Long> times = sandbox.state().sends().list(r -> r.httpStatus() == 200, Integer.MAX_VALUE)
                        .stream().map(r -> r.at() * 1_000_000L).sorted().toList(); // sandbox clock, ms
                long span = times.get(total - 1) - times.get(0);
                // tokens are taken before the HTTP client's first connections exist, so allow two bursts up front
                assertThat(Duration.ofNanos(span)).isGreaterThan(Duration.ofMillis((total - 2L * RATE) * 1000 / RATE));
                for (int i = 0; i < total; i++) {
                    long start = times.get(i);
                    if (start < times.get(0) + 1_000_000_000L) {
                        continue; // the warm-up second, see above
                    }
                    long inOneSecond = times.stream().filter(t -> t >= start && t < start + 1_000_000_000L).count();
                    assertThat(inOneSecond).as("calls in the second after call %d", i)
                            .isLessThanOrEqualTo(RATE * 5 / 4 + 1); // calls arrive with some jitter at the server
                }
            }
        }
    }
}
