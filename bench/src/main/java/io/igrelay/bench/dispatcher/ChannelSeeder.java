package io.igrelay.bench.dispatcher;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.Flavour;
import io.igrelay.schemas.crypto.TokenCipher;
import io.igrelay.schemas.serde.AvroSerdes;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Puts one ACTIVE Instagram Login channel per bench account on ig.channels, as the processor (its sole writer)
 * would after onboarding: the sandbox-issued token encrypted with the bench's token key.
 */
final class ChannelSeeder {

    private ChannelSeeder() {
    }

    static void seed(String bootstrap, String topic, AvroSerdes serdes, TokenCipher cipher, SendSandbox sandbox)
            throws Exception {
        Instant now = Instant.now();
        try (var producer = new KafkaProducer<String, Object>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), serdes.serializer())) {
            for (String account : Conversations.accounts()) {
                String channelId = Conversations.channelId(account);
                producer.send(new ProducerRecord<>(topic, channelId, Channel.newBuilder().setChannelId(channelId)
                        .setApplicationId("bench-app").setIgUserId(account).setUsername("bench.shop")
                        .setFlavour(Flavour.INSTAGRAM_LOGIN).setToken(cipher.encrypt(sandbox.token(account)))
                        .setStatus(ChannelStatus.ACTIVE).setConnectedAt(now).setUpdatedAt(now).build())).get();
            }
        }
    }
}
