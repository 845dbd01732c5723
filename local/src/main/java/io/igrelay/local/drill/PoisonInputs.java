package io.igrelay.local.drill;

import io.igrelay.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Bad input, correctly delivered: signed webhooks with absurd Meta timestamps, a deeply nested body and bodies at
 * and above the 4 MiB limit (each still a DM with the drill's marker, so one answered 200 must reach the
 * Application), and records no OutboundMessage reader can decode, produced straight to ig.outbound.requests.
 */
final class PoisonInputs {

    private static final int FOUR_MIB = 4 * 1024 * 1024;

    private PoisonInputs() {
    }

    static void webhooks(Drill d, Phase p) throws InterruptedException {
        long now = System.currentTimeMillis();
        String user = Drill.POISON_USER;
        List<Outgoing> sent = new ArrayList<>();
        sent.add(d.webhooks.special(user, "future-timestamp", now + Duration.ofHours(2).toMillis(), "", ""));
        sent.add(d.webhooks.special(user, "negative-timestamp", -1, "", ""));
        sent.add(d.webhooks.special(user, "max-timestamp", Long.MAX_VALUE, "", ""));
        sent.add(d.webhooks.special(user, "500-deep", now, "",
                ",\"drill_nesting\":" + "[".repeat(500) + "]".repeat(500)));
        sent.add(d.webhooks.special(user, "just-under-4MiB", now, "x".repeat(FOUR_MIB - 1024), ""));
        sent.add(d.webhooks.special(user, "over-4MiB", now, "x".repeat(FOUR_MIB + 1024), ""));
        long deadline = System.currentTimeMillis() + 10_000;
        while (sent.stream().anyMatch(o -> o.answeredAt() == 0) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        StringBuilder answers = new StringBuilder("answers:");
        for (Outgoing o : sent) {
            answers.append(' ').append(o.label).append(' ')
                    .append(o.status() == Outgoing.NO_ANSWER ? "none" : Integer.toString(o.status()));
        }
        p.note(answers.toString());
    }

    static void outboundRecord(Drill d, Phase p) throws Exception {
        String topic = Topics.OUTBOUND_REQUESTS.name(d.stack.childEnv().getOrDefault("TOPIC_PREFIX", ""));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, d.stack.childEnv().get("KAFKA_BOOTSTRAP_SERVERS"));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // a Confluent-framed value naming schema id 1 whose body claims a huge string, and plain text
        byte[] framed = {0, 0, 0, 0, 1, (byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
        byte[] text = "not an OutboundMessage".getBytes(StandardCharsets.UTF_8);
        try (var producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] value : List.of(framed, text)) {
                producer.send(new ProducerRecord<>(topic, "drill-poison".getBytes(StandardCharsets.UTF_8), value))
                        .get(30, TimeUnit.SECONDS);
            }
        }
        p.note("2 records on " + topic);
    }
}
