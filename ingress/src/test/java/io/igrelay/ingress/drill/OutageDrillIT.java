package io.igrelay.ingress.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.WebhookDelivery;
import io.igrelay.ingress.meta.WebhookSignature;
import io.igrelay.ingress.support.Http;
import io.igrelay.schemas.config.Secret;
import io.igrelay.testkit.FreePorts;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
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
 * The outage drill, on its own forked broker and a forked ingress: with the broker stopped, 2,000 signed deliveries
 * each get 200 within 1 s; once it is back they are all on ig.webhooks.raw exactly once, in arrival order per key.
 * Then the same again, but the ingress is SIGKILLed in the middle of the replay and restarted: none is lost, order
 * per key holds for first occurrences, and at most one replay batch is written twice (the batch the killed process
 * left open is aborted by its successor's fencing, so only a kill between a commit and the spool's checkpoint can
 * duplicate, and that is one batch). Finally kills during intake, with Kafka up and with Kafka down: every delivery
 * answered 200 before the kill is on the topic once the restarted ingress has drained its spool.
 */
class OutageDrillIT {

    private static final int KEYS = 10;
    private static final int PER_KEY = 200;
    private static final String SECRET = "drill-secret";
    private static final String TOPIC = "drill.ig.webhooks.raw";
    private static final int REPLAY_BATCH = 20;
    /** Deliveries answered 200 before the kill during intake; the senders then go on until the ingress is gone. */
    private static final int ANSWERED_BEFORE_KILL = 300;
    private static final Pattern MARK = Pattern.compile("\"id\":\"(\\d+)\".*\"drill\":\"r(\\d)-(\\d+)\"");

    @TempDir
    Path dir;
    private final Path logs = Path.of("target", "drill-logs");

    @Test
    void shouldLoseNoDeliveryThroughABrokerOutageNorThroughACrashMidReplay() throws Exception {
        try (DrillRegistry registry = new DrillRegistry();
             DrillBroker broker = new DrillBroker(dir.resolve("broker"))) {
            broker.start();
            Map<String, String> env = env(broker.bootstrapServers(), registry.url());
            DrillProcess ingress = startIngress(env, "ingress-1");
            try {
                // round 1: outage, then recovery without a crash → every delivery exactly once, in arrival order
                broker.stop();
                List<Long> latencies = sendRound(env, 1);
                report("round 1 (broker down)", latencies);
                assertThat(latencies).hasSize(KEYS * PER_KEY).allMatch(ms -> ms < 1000);
                assertReadyWithoutKafka(env);
                broker.start();
                awaitSpoolEmpty(env, Duration.ofSeconds(120));
                Map<String, List<Integer>> round1 = read(broker.bootstrapServers(), 1, KEYS * PER_KEY);
                System.out.println("[drill] after the outage: " + duplicates(round1) + " duplicates");
                assertNoneLostInOrder(round1);
                assertThat(duplicates(round1)).as("duplicates after a plain outage").isZero();

                // round 2: outage, recovery, SIGKILL of the ingress in the middle of the replay, restart
                broker.stop();
                latencies = sendRound(env, 2);
                report("round 2 (broker down)", latencies);
                assertThat(latencies).allMatch(ms -> ms < 1000);
                broker.start();
                long leftAtKill = killMidReplay(env, ingress);
                System.out.println("[drill] SIGKILLed the ingress with " + leftAtKill + " deliveries still spooled");
                assertThat(leftAtKill).isBetween(1L, (long) KEYS * PER_KEY - 1);
                ingress = startIngress(env, "ingress-2");
                awaitSpoolEmpty(env, Duration.ofSeconds(120));
                Map<String, List<Integer>> round2 = read(broker.bootstrapServers(), 2, KEYS * PER_KEY);
                System.out.println("[drill] after the crash: " + duplicates(round2)
                        + " duplicates (removed downstream by the processor's dedup)");
                assertNoneLostInOrder(round2);
                assertThat(duplicates(round2)).as("duplicates after a kill mid-replay: at most one replay batch")
                        .isLessThanOrEqualTo(REPLAY_BATCH);
            } finally {
                ingress.stop();
            }
        }
    }

    @Test
    void shouldKeepEveryDeliveryAnswered200WhenTheIngressIsKilledDuringIntake() throws Exception {
        try (DrillRegistry registry = new DrillRegistry();
             DrillBroker broker = new DrillBroker(dir.resolve("broker"))) {
            broker.start();
            Map<String, String> env = env(broker.bootstrapServers(), registry.url());
            DrillProcess ingress = startIngress(env, "intake-1");
            try {
                // Kafka up: a 200 means Kafka acknowledged the delivery
                Map<String, List<Integer>> answered = sendUntilKilled(env, 3, ingress);
                ingress = startIngress(env, "intake-2");
                awaitSpoolEmpty(env, Duration.ofSeconds(120));
                assertAnsweredAreOnTheTopic(answered, readRound(broker.bootstrapServers(), 3));

                // Kafka down: a 200 means the delivery was fsynced in the spool, which the next process replays
                broker.stop();
                answered = sendUntilKilled(env, 4, ingress);
                broker.start();
                ingress = startIngress(env, "intake-3");
                awaitSpoolEmpty(env, Duration.ofSeconds(120));
                assertAnsweredAreOnTheTopic(answered, readRound(broker.bootstrapServers(), 4));
            } finally {
                ingress.stop();
            }
        }
    }

    /**
     * One sender per key, each delivering one after the other until its request fails; the ingress is SIGKILLed
     * once {@link #ANSWERED_BEFORE_KILL} deliveries were answered. Returns, per key, the numbers answered 200.
     */
    private Map<String, List<Integer>> sendUntilKilled(Map<String, String> env, int round, DrillProcess ingress)
            throws Exception {
        Map<String, List<Integer>> answered = new ConcurrentHashMap<>();
        AtomicInteger count = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(KEYS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int k = 0; k < KEYS; k++) {
                String key = key(k);
                List<Integer> mine = Collections.synchronizedList(new ArrayList<>());
                answered.put(key, mine);
                done.add(clients.submit(() -> {
                    for (int i = 0; i < 100_000; i++) {
                        try {
                            if (post(env, key, round, i).statusCode() != 200) {
                                return null;
                            }
                        } catch (IllegalStateException connectionGone) {
                            return null;
                        }
                        mine.add(i);
                        count.incrementAndGet();
                    }
                    return null;
                }));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (count.get() < ANSWERED_BEFORE_KILL) {
                assertThat(System.nanoTime()).as("deliveries answered before the kill").isLessThan(deadline);
                Thread.sleep(5);
            }
            ingress.kill();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        System.out.println("[drill] round " + round + ": SIGKILLed the ingress during intake after " + count.get()
                + " deliveries answered 200");
        return answered;
    }

    private static void assertAnsweredAreOnTheTopic(Map<String, List<Integer>> answered,
                                                    Map<String, List<Integer>> onTopic) {
        answered.forEach((key, numbers) -> assertThat(onTopic.getOrDefault(key, List.of()))
                .as("deliveries of key %s answered 200 before the kill", key).containsAll(numbers));
    }

    private Map<String, String> env(String bootstrap, String registryUrl) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("SCHEMA_REGISTRY_URL", registryUrl);
        env.put("TOPIC_PREFIX", "drill.");
        env.put("TOPIC_PARTITIONS", "3");
        env.put("META_APP_ID", "1001");
        env.put("META_APP_SECRET", SECRET);
        env.put("META_VERIFY_TOKEN", "drill-verify");
        env.put("TOKEN_ENCRYPTION_KEYS", "k1:" + Base64.getEncoder().encodeToString(new byte[32]));
        env.put("INGRESS_PORT", Integer.toString(FreePorts.find()));
        env.put("INGRESS_MANAGEMENT_PORT", Integer.toString(FreePorts.find()));
        env.put("INGRESS_SPOOL_DIR", Files.createDirectories(dir.resolve("spool")).toString());
        env.put("INGRESS_SPOOL_REPLAY_BATCH", Integer.toString(REPLAY_BATCH));
        env.put("INGRESS_INSTANCE_ID", "drill");
        return env;
    }

    private DrillProcess startIngress(Map<String, String> env, String name) throws Exception {
        Files.createDirectories(logs);
        DrillProcess ingress = DrillProcess.start(name, "io.igrelay.ingress.IngressMain", List.of("-Xmx256m"),
                List.of(), env, logs.resolve(name + ".log"));
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!ingress.isAlive()) {
                throw new IllegalStateException(name + " died:\n" + ingress.logTail());
            }
            try {
                // ready, not just live: the ingress listens before it has reached Kafka (a cold start)
                if (Http.get(base(env) + "/health/ready").statusCode() == 200) {
                    return ingress;
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " did not start:\n" + ingress.logTail());
    }

    /** One client thread per key, each sending its deliveries one after the other; the latency of each 200. */
    private List<Long> sendRound(Map<String, String> env, int round) throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(KEYS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int k = 0; k < KEYS; k++) {
                String key = key(k);
                done.add(clients.submit(() -> {
                    for (int i = 0; i < PER_KEY; i++) {
                        long start = System.nanoTime();
                        var response = post(env, key, round, i);
                        if (response.statusCode() != 200) {
                            throw new AssertionError("delivery " + key + "/" + i + " got " + response.statusCode()
                                    + ": " + response.body());
                        }
                        latencies.add((System.nanoTime() - start) / 1_000_000);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        return new ArrayList<>(latencies);
    }

    private static HttpResponse<String> post(Map<String, String> env, String key, int round, int i) {
        byte[] body = ("{\"object\":\"instagram\",\"entry\":[{\"id\":\"" + key + "\",\"time\":" + i
                + ",\"drill\":\"r" + round + "-" + i + "\"}]}").getBytes(StandardCharsets.UTF_8);
        return Http.post(base(env) + "/webhooks/instagram", body, "Content-Type", "application/json",
                "X-Hub-Signature-256", WebhookSignature.headerFor(new Secret(SECRET), body));
    }

    /** A load balancer must keep sending Meta's deliveries while the spool takes them: 200, DEGRADED. */
    private void assertReadyWithoutKafka(Map<String, String> env) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        var ready = Http.get(base(env) + "/health/ready");
        while (!new JsonObject(ready.body()).getString("status").equals("DEGRADED") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            ready = Http.get(base(env) + "/health/ready");
        }
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(new JsonObject(ready.body()).getString("status")).as(ready.body()).isEqualTo("DEGRADED");
    }

    private long killMidReplay(Map<String, String> env, DrillProcess ingress) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            long records = spoolRecords(env);
            if (records > 0 && records < KEYS * PER_KEY) {
                ingress.kill();
                return records;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the replay never started");
    }

    private void awaitSpoolEmpty(Map<String, String> env, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (spoolRecords(env) != 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the spool was not drained within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    private long spoolRecords(Map<String, String> env) {
        var ready = Http.get(base(env) + "/health/ready");
        return new JsonObject(ready.body()).getJsonObject("checks").getJsonObject("spool").getLong("records");
    }

    /** Per key, the delivery numbers of one round in topic order; every one of them, {@code expected} distinct. */
    private static Map<String, List<Integer>> read(String bootstrap, int round, int expected) {
        Map<String, List<Integer>> byKey = readRound(bootstrap, round);
        long distinct = byKey.values().stream().mapToLong(l -> l.stream().distinct().count()).sum();
        assertThat(distinct).as("distinct deliveries of round " + round).isEqualTo(expected);
        return byKey;
    }

    /** Per key, the delivery numbers of one round in topic order, as a read_committed reader sees them now. */
    private static Map<String, List<Integer>> readRound(String bootstrap, int round) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("isolation.level", "read_committed");
        var reader = new SpecificDatumReader<>(WebhookDelivery.class);
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    WebhookDelivery delivery = decode(reader, record.value());
                    Matcher m = MARK.matcher(StandardCharsets.UTF_8.decode(delivery.getBody()).toString());
                    if (m.find() && Integer.parseInt(m.group(2)) == round) {
                        assertThat(record.key()).isEqualTo(m.group(1));
                        byKey.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(Integer.parseInt(m.group(3)));
                    }
                }
            }
        }
        return byKey;
    }

    private static WebhookDelivery decode(SpecificDatumReader<WebhookDelivery> reader, byte[] value) {
        try {
            // Confluent wire format: magic byte and 4-byte schema id, then Avro binary
            return reader.read(null, DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));
        } catch (java.io.IOException e) {
            throw new AssertionError("undecodable record", e);
        }
    }

    private static long duplicates(Map<String, List<Integer>> byKey) {
        long total = byKey.values().stream().mapToLong(List::size).sum();
        return total - byKey.values().stream().mapToLong(l -> l.stream().distinct().count()).sum();
    }

    private static void assertNoneLostInOrder(Map<String, List<Integer>> byKey) {
        assertThat(byKey).hasSize(KEYS);
        byKey.forEach((key, seqs) -> assertThat(seqs.stream().distinct().toList()).as("key " + key)
                .containsExactlyElementsOf(IntStream.range(0, PER_KEY).boxed().toList()));
    }

    private static void report(String what, List<Long> latencies) {
        List<Long> sorted = latencies.stream().sorted().toList();
        System.out.printf("[drill] %s: %d deliveries answered 200, p50 %d ms, p99 %d ms, max %d ms%n", what,
                sorted.size(), sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.99)),
                sorted.get(sorted.size() - 1));
    }

    private static String key(int k) {
        return "178414000000000" + (10 + k);
    }

    private static String base(Map<String, String> env) {
        return "http://localhost:" + env.get("INGRESS_PORT");
    }
}
