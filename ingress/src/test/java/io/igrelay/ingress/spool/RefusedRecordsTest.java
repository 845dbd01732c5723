package io.igrelay.ingress.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.igrelay.schemas.failure.FailurePolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spooled record the broker refuses for good goes to the dead-letter topic and the records behind it go on. */
class RefusedRecordsTest {

    private static final String RAW = "raw";
    private static final String DLQ = "dlq";

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RefusingProducer tx = new RefusingProducer();
    private Spool spool;
    private CircuitBreaker breaker;
    private SpoolingPublisher publisher;

    @BeforeEach
    void open() throws Exception {
        spool = Spool.open(dir.resolve("spool"), 64L << 20, 1 << 20, System::currentTimeMillis);
        for (String value : new String[] {"ok-1", "huge", "ok-2"}) {
            spool.append(b("key"), b(value)).durable().get(5, TimeUnit.SECONDS);
        }
        breaker = new CircuitBreaker(Duration.ofMillis(1), Duration.ofMillis(5), Clock.systemUTC());
        SpoolMetrics metrics = new SpoolMetrics(registry, spool, breaker);
        publisher = new SpoolingPublisher(RefusingProducer::new, RAW, spool, breaker, Duration.ofSeconds(1), metrics);
    }

    @AfterEach
    void close() {
        publisher.close();
        spool.close();
    }

    private SpoolReplayer replayer(int maxAttempts) {
        RefusedRecords refused = new RefusedRecords(new FailurePolicy(FailurePolicy.DEFAULT.backoff(), maxAttempts),
                RAW, DLQ, letter -> b("letter " + letter.getOffset() + " " + letter.getReason() + " value="
                        + (letter.getOriginalValue() == null ? "none" : "kept")),
                dir.resolve("refused"), Clock.systemUTC(), registry);
        return new SpoolReplayer(() -> tx, RAW, spool, breaker, publisher, () -> true, Duration.ofSeconds(1),
                new SpoolMetrics(new SimpleMeterRegistry(), spool, breaker), 500).refusedTo(refused);
    }

    @Test
    void shouldDeadLetterARecordTheBrokerKeepsRefusingAndReplayTheRest() {
        SpoolReplayer replayer = replayer(3);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
            replayer.step();
            return spool.isEmpty();
        });

        assertThat(tx.history()).filteredOn(r -> r.topic().equals(RAW))
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("ok-1", "ok-2");
        assertThat(tx.history()).filteredOn(r -> r.topic().equals(DLQ)).singleElement()
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).asString()
                .startsWith("letter 1 ").contains("RecordTooLargeException").contains("after 3 attempts")
                .endsWith("value=kept");
        assertThat(tx.refusals).isEqualTo(3);
        assertThat(registry.get("igrelay_ingress_spool_dead_lettered").counter().count()).isEqualTo(1);
    }

    @Test
    void shouldKeepTheRecordWhileThePolicyStillRetriesIt() throws Exception {
        SpoolReplayer replayer = replayer(1000);
        for (int i = 0; i < 5; i++) {
            Thread.sleep(10);
            replayer.step();
        }
        assertThat(spool.records()).isEqualTo(3);
        assertThat(tx.history()).isEmpty();
        assertThat(tx.refusals).isGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldKeepTheBytesOfALetterTooLargeToCarryThemInTheSpoolDirectory() throws Exception {
        spool.release(spool.peek(3, 1 << 20));
        byte[] big = new byte[600 * 1024];
        big[0] = 'h';
        big[1] = 'u';
        big[2] = 'g';
        big[3] = 'e';
        spool.append(b("key"), big).durable().get(5, TimeUnit.SECONDS);
        SpoolReplayer replayer = replayer(1);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
            replayer.step();
            return spool.isEmpty();
        });

        assertThat(tx.history()).singleElement().extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .asString().contains("original bytes kept in").endsWith("value=none");
        try (var files = Files.list(dir.resolve("refused"))) {
            Path kept = files.findFirst().orElseThrow();
            assertThat(Files.readAllBytes(kept)).isEqualTo(big);
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A transactional producer whose broker refuses every record that starts with "huge" as too large. */
    static final class RefusingProducer extends MockProducer<byte[], byte[]> {
        int refusals;
        private KafkaException failedSend;

        RefusingProducer() {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        }

        @Override
        public synchronized void beginTransaction() {
            failedSend = null;
            super.beginTransaction();
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            if (record.topic().equals(RAW) && new String(record.value(), 0, 4, StandardCharsets.UTF_8)
                    .equals("huge")) {
                refusals++;
                RecordTooLargeException refused = new RecordTooLargeException("the request included a message "
                        + "larger than the max message size the server will accept");
                failedSend = new KafkaException("Cannot perform send because at least one previous transactional "
                        + "or idempotent request has failed", refused);
                if (callback != null) {
                    callback.onCompletion(null, refused);
                }
                return CompletableFuture.failedFuture(refused);
            }
            return super.send(record, callback);
        }

        @Override
        public synchronized void commitTransaction() {
            if (failedSend != null) {
                throw failedSend;
            }
            super.commitTransaction();
        }
    }
}
