package io.igrelay.bench;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.Flavour;
import io.igrelay.schemas.crypto.TokenCipher;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Connects bench accounts as the processor (the sole writer of ig.channels) would after onboarding: one ACTIVE
 * Instagram Login channel per account on ig.channels, its token encrypted with the bench's key. A row whose
 * accounts are channels sees what production sees: events that carry their text, sends that find their channel.
 */
public final class BenchChannels {

    private BenchChannels() {
    }

    /** The channel id of a bench account, the same in every row. */
    public static String channelId(String account) {
        return UUID.nameUUIDFromBytes(("bench-channel-" + account).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Writes one channel per entry (account id → plaintext token) to {@code topic} and waits for every ack. */
    public static void seed(String bootstrap, String topic, Map<String, String> tokens) throws Exception {
        TokenCipher cipher = TokenCipher.parse(BenchKafka.TOKEN_KEYS);
        Instant now = Instant.now();
        try (var producer = new KafkaProducer<String, Object>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
                BenchKafka.serdes().serializer())) {
            for (var account : tokens.entrySet()) {
                String channelId = channelId(account.getKey());
                producer.send(new ProducerRecord<>(topic, channelId, Channel.newBuilder().setChannelId(channelId)
                        .setApplicationId("bench-app").setIgUserId(account.getKey()).setUsername("bench.shop")
                        .setFlavour(Flavour.INSTAGRAM_LOGIN).setToken(cipher.encrypt(account.getValue()))
                        .setStatus(ChannelStatus.ACTIVE).setConnectedAt(now).setUpdatedAt(now).build()));
            }
            producer.flush();
        }
    }
}
