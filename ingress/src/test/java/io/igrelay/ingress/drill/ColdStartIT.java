package io.igrelay.ingress.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.WebhookDelivery;
import io.igrelay.ingress.IngressService;
import io.igrelay.ingress.config.IngressConfig;
import io.igrelay.ingress.meta.WebhookSignature;
import io.igrelay.ingress.ops.EventLoopGuard;
import io.igrelay.ingress.support.Http;
import io.igrelay.schemas.config.Secret;
import io.igrelay.testkit.FreePorts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cold start with the broker and the schema registry both away (the drill's own forked broker, not started yet,
 * and its registry answering 503): the ingress listens, answers signed webhooks 200 from the spool within 2 s, says
 * DOWN naming kafka (the intake stays open), answers the API 503 naming the views it still reads, and never runs a
 * registry lookup or a blocking Kafka call on an event loop (the guard is strict). Kafka comes back first (readiness
 * then names the registry), then the registry: every webhook lands on ig.webhooks.raw exactly once, readiness is UP.
 */
class ColdStartIT {

    private static final String SECRET = "cold-secret";
    private static final String TOPIC = "cold.ig.webhooks.raw";
    private static final String DEV_KEY = "igr_coldkey1_" + "s".repeat(32);

    @TempDir
    Path dir;

    @Test
    void shouldStartWithoutKafkaOrRegistryAndLandEveryWebhookOnceWhenTheyAnswer() throws Exception {
        System.setProperty(EventLoopGuard.STRICT, "true");
        try (DrillRegistry registry = new DrillRegistry();
             DrillBroker broker = new DrillBroker(dir.resolve("broker"))) {
            registry.down();
            Map<String, String> env = env(broker.bootstrapServers(), registry.url());
            long startAt = System.nanoTime();
            try (IngressService ingress = new IngressService(IngressConfig.fromEnv(env)).startListening()) {
                assertThat(Duration.ofNanos(System.nanoTime() - startAt)).isLessThan(Duration.ofSeconds(15));
                String base = "http://127.0.0.1:" + ingress.port();

                JsonObject ready = awaitReady(base, r -> r.getJsonArray("down", new JsonArray())
                        .contains("kafka"));
                assertThat(ready.getString("status")).as(ready.encode()).isEqualTo("DOWN");
                assertThat(ready.getJsonArray("down").encode()).contains("start-up").contains("kafka");
                assertThat(Http.get(base + "/health/ready").statusCode()).isEqualTo(503);

                List<String> sent = new ArrayList<>();
                postAll(base, "before", 40, sent);
                long apiAt = System.nanoTime();
                HttpResponse<String> api = Http.get(base + "/v1/channels", "x-api-key", DEV_KEY);
                assertThat(Duration.ofNanos(System.nanoTime() - apiAt)).isLessThan(Duration.ofSeconds(2));
                assertThat(api.statusCode()).as(api.body()).isEqualTo(503);
                assertThat(new JsonObject(api.body()).getString("errorMessage")).contains("applications");

                broker.start(); // Kafka first: the start-up then waits for the registry, and says so
                ready = awaitReady(base, r -> r.getJsonArray("down", new JsonArray()).encode()
                        .contains("schema-registry"));
                assertThat(ready.getString("status")).as(ready.encode()).isEqualTo("DOWN");
                postAll(base, "kafka-back", 20, sent);

                registry.up();
                ingress.started().get(90, TimeUnit.SECONDS);
                awaitReady(base, r -> r.getString("status").equals("UP")
                        && r.getJsonObject("checks").getJsonObject("spool").getLong("records") == 0);
                postAll(base, "all-back", 10, sent);

                Map<String, Long> landed = landed(broker.bootstrapServers(), sent.size());
                assertThat(landed.keySet()).containsExactlyInAnyOrderElementsOf(sent);
                assertThat(landed.values()).as("each exactly once").allMatch(count -> count == 1);
                HttpResponse<String> channels = Http.get(base + "/v1/channels", "x-api-key", DEV_KEY);
                assertThat(channels.statusCode()).as(channels.body()).isEqualTo(200);
                assertThat(Http.get("http://127.0.0.1:" + ingress.managementPort() + "/metrics").body())
                        .contains("igrelay_ingress_event_loop_blocking_calls_total 0.0")
                        .contains("igrelay_ingress_consumer_lag");
            }
        } finally {
            System.clearProperty(EventLoopGuard.STRICT);
        }
    }

    private void postAll(String base, String phase, int count, List<String> sent) {
        for (int i = 0; i < count; i++) {
            String mark = phase + "-" + i;
            byte[] body = ("{\"object\":\"instagram\",\"entry\":[{\"id\":\"1784146392018452" + (i % 7)
                    + "\",\"time\":" + i + ",\"cold\":\"" + mark + "\"}]}").getBytes(StandardCharsets.UTF_8);
            long at = System.nanoTime();
            HttpResponse<String> answer = Http.post(base + "/webhooks/instagram", body, "Content-Type",
                    "application/json", "X-Hub-Signature-256", WebhookSignature.headerFor(new Secret(SECRET), body));
            assertThat(answer.statusCode()).as(mark + ": " + answer.body()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - at)).as(mark).isLessThan(Duration.ofSeconds(2));
            sent.add(mark);
        }
    }

    private static JsonObject awaitReady(String base, Predicate<JsonObject> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = Http.get(base + "/health/ready");
            if (answer.statusCode() > 0) {
                last = new JsonObject(answer.body());
                if (condition.test(last)) {
                    return last;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("readiness never got there; last: " + last);
    }

    /** Mark → how many times it is on the raw topic (read_committed), once {@code expected} distinct ones are. */
    private static Map<String, Long> landed(String bootstrap, int expected) throws IOException {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("isolation.level", "read_committed");
        var reader = new SpecificDatumReader<>(WebhookDelivery.class);
        List<String> marks = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (marks.stream().distinct().count() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    WebhookDelivery delivery = reader.read(null, DecoderFactory.get().binaryDecoder(record.value(),
                            5, record.value().length - 5, null));
                    String body = StandardCharsets.UTF_8.decode(delivery.getBody()).toString();
                    marks.add(new JsonObject(body).getJsonArray("entry").getJsonObject(0).getString("cold"));
                }
            }
            // anything written twice would sit right behind: read on a little
            consumer.poll(Duration.ofSeconds(1)).forEach(record -> marks.add("late"));
        }
        return marks.stream().collect(Collectors.groupingBy(m -> m, Collectors.counting()));
    }

    private Map<String, String> env(String bootstrap, String registryUrl) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("SCHEMA_REGISTRY_URL", registryUrl);
        env.put("TOPIC_PREFIX", "cold.");
        env.put("TOPIC_PARTITIONS", "2");
        env.put("META_APP_ID", "1001");
        env.put("META_APP_SECRET", SECRET);
        env.put("META_VERIFY_TOKEN", "cold-verify");
        env.put("TOKEN_ENCRYPTION_KEYS", "k1:" + Base64.getEncoder().encodeToString(new byte[32]));
        env.put("DEV_MODE", "true");
        env.put("DEV_API_KEY", DEV_KEY);
        env.put("INGRESS_PORT", Integer.toString(FreePorts.find()));
        env.put("INGRESS_MANAGEMENT_PORT", Integer.toString(FreePorts.find()));
        env.put("INGRESS_SPOOL_DIR", Files.createDirectories(dir.resolve("spool")).toString());
        env.put("INGRESS_INSTANCE_ID", "cold");
        env.put("WEBHOOK_STORE_DIR", Files.createDirectories(dir.resolve("store")).toString());
        return env;
    }
}
