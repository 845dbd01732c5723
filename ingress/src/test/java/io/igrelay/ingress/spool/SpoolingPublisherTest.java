package io.igrelay.ingress.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolingPublisherTest {

    private static final String TOPIC = "raw";

    @TempDir
    Path dir;

    private final MockProducer<byte[], byte[]> live =
            new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final MockProducer<byte[], byte[]> fresh =
            new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final ArrayDeque<MockProducer<byte[], byte[]>> directProducers = new ArrayDeque<>(List.of(live, fresh));
    private final MockProducer<byte[], byte[]> replay =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Spool spool;
    private CircuitBreaker breaker;
    private SpoolMetrics metrics;
    private SpoolingPublisher publisher;

    @BeforeEach
    void open() {
        spool = Spool.open(dir, 64L << 20, 1 << 20, System::currentTimeMillis);
        breaker = new CircuitBreaker(Duration.ofMillis(1), Duration.ofMillis(10), Clock.systemUTC());
        metrics = new SpoolMetrics(registry, spool, breaker);
        publisher = new SpoolingPublisher(directProducers::poll, TOPIC, spool, breaker, Duration.ofMillis(100), metrics);
    }

    @AfterEach
    void close() {
        publisher.close();
        spool.close();
    }

    @Test
    void shouldAnswerFromKafkasAcknowledgement() throws Exception {
        CompletableFuture<SpoolingPublisher.Route> result = publisher.publish(record("a"));
        assertThat(result).isNotDone();
        live.completeNext();
        assertThat(result.get(1, TimeUnit.SECONDS)).isEqualTo(SpoolingPublisher.Route.KAFKA);
        assertThat(spool.isEmpty()).isTrue();
    }

    @Test
    void shouldSpoolEverythingInFlightInArrivalOrderWhenNoAckCameInTime() throws Exception {
        var first = publisher.publish(record("1"));
        var second = publisher.publish(record("2"));
        assertThat(first.get(2, TimeUnit.SECONDS)).isEqualTo(SpoolingPublisher.Route.SPOOL);
        assertThat(second.get(2, TimeUnit.SECONDS)).isEqualTo(SpoolingPublisher.Route.SPOOL);
        var third = publisher.publish(record("3"));
        assertThat(third.get(2, TimeUnit.SECONDS)).isEqualTo(SpoolingPublisher.Route.SPOOL);
        assertThat(publisher.isDirect()).isFalse();
        assertThat(live.history()).hasSize(2);
        assertThat(values(spool.peek(10, 1 << 20))).containsExactly("1:spooled", "2:spooled", "3:spooled");
    }

    @Test
    void shouldSpoolADeliveryWhoseSendFailedAtOnce() throws Exception {
        var result = publisher.publish(record("x"));
        live.errorNext(new TimeoutException("broker down"));
        assertThat(result.get(2, TimeUnit.SECONDS)).isEqualTo(SpoolingPublisher.Route.SPOOL);
        assertThat(spool.records()).isEqualTo(1);
    }

    @Test
    void shouldReplayInOrderSkipLateAcknowledgedOnesAndGoDirectAgain() throws Exception {
        publisher.publish(record("1"));
        publisher.publish(record("2")).get(2, TimeUnit.SECONDS);
        publisher.publish(record("3")).get(2, TimeUnit.SECONDS);
        live.completeNext();                         // "1" landed after all, late
        live.errorNext(new TimeoutException("x"));   // "2" did not
        SpoolReplayer replayer = new SpoolReplayer(() -> replay, TOPIC, spool, breaker, publisher, () -> true,
                Duration.ofSeconds(5), metrics, 500);
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            replayer.step();
            return spool.isEmpty();
        });
        assertThat(replay.history()).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly("2:spooled", "3:spooled");
        assertThat(registry.get("igrelay_ingress_spool_already_delivered").counter().count()).isEqualTo(1);
        replayer.step();
        assertThat(publisher.isDirect()).isTrue();

        assertThat(replay.transactionCommitted()).isTrue();
        var direct = publisher.publish(record("4"));
        fresh.completeNext(); // the producer retired by the trip is not used again
        assertThat(direct.get(1, TimeUnit.SECONDS)).isEqualTo(SpoolingPublisher.Route.KAFKA);
    }

    @Test
    void shouldKeepTheSpoolWhileTheReplayFails() throws Exception {
        publisher.publish(record("1"));
        live.errorNext(new TimeoutException("down"));
        await().until(() -> spool.records() == 1 && !spool.peek(1, 1 << 20).isEmpty());
        MockProducer<byte[], byte[]> failing =
                new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        SpoolReplayer replayer = new SpoolReplayer(() -> failing, TOPIC, spool, breaker, publisher, () -> false,
                Duration.ofMillis(50), metrics, 500);
        Thread.sleep(20);
        replayer.step();
        assertThat(spool.records()).isEqualTo(1);
        assertThat(breaker.isClosed()).isFalse();
        assertThat(publisher.isDirect()).isFalse();
    }

    @Test
    void shouldRetireTheProducerWhenItTripsSoNoUnsentBatchLandsAfterALaterOne() throws Exception {
        publisher.publish(record("1"));
        live.errorNext(new TimeoutException("broker down"));
        await().atMost(Duration.ofSeconds(2)).until(live::closed);
        assertThat(fresh.closed()).isFalse();
        assertThat(fresh.history()).isEmpty();
    }

    @Test
    void shouldWriteNothingOfAReplayBatchThatFailsAndCommitItWholeOnTheRetry() throws Exception {
        publisher.publish(record("1"));
        live.errorNext(new TimeoutException("down")); // "1" did not land
        publisher.publish(record("2")).get(2, TimeUnit.SECONDS);
        await().until(() -> spool.peek(10, 1 << 20).size() == 2);
        MockProducer<byte[], byte[]> fenced =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        MockProducer<byte[], byte[]> tx =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        ArrayDeque<MockProducer<byte[], byte[]>> txProducers = new ArrayDeque<>(List.of(fenced, tx));
        SpoolReplayer replayer = new SpoolReplayer(txProducers::poll, TOPIC, spool, breaker, publisher, () -> true,
                Duration.ofSeconds(1), metrics, 500);

        fenced.commitTransactionException = new TimeoutException("no answer to the commit");
        Thread.sleep(20); // the breaker's backoff
        assertThat(replayer.step()).isFalse();
        assertThat(fenced.transactionAborted()).isTrue();
        assertThat(fenced.history()).isEmpty();
        assertThat(spool.records()).isEqualTo(2);

        fenced.fenceProducer(); // a newer instance took the id: this producer is done, a new one takes over
        Thread.sleep(30);
        assertThat(replayer.step()).isFalse();
        assertThat(fenced.closed()).isTrue();

        Thread.sleep(60);
        assertThat(replayer.step()).isTrue();
        assertThat(tx.transactionInitialized()).isTrue();
        assertThat(tx.history()).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly("1:spooled", "2:spooled");
        assertThat(spool.isEmpty()).isTrue();
    }

    @Test
    void shouldSpoolWhileDirectIsNotAllowedAndReplayOnceItIs() throws Exception {
        publisher.close();
        java.util.concurrent.atomic.AtomicBoolean ready = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
        publisher = new SpoolingPublisher(() -> {
            made.incrementAndGet();
            return fresh;
        }, TOPIC, spool, breaker, Duration.ofMillis(100), metrics, ready::get);
        assertThat(publisher.publish(record("1")).get(2, TimeUnit.SECONDS)).isEqualTo(SpoolingPublisher.Route.SPOOL);
        assertThat(made).as("no producer while Kafka was not checked").hasValue(0);
        SpoolReplayer replayer = new SpoolReplayer(() -> replay, TOPIC, spool, breaker, publisher, () -> true,
                Duration.ofSeconds(1), metrics, 500).onlyWhen(ready::get, "kafka: not checked yet");
        for (int i = 0; i < 3; i++) {
            assertThat(replayer.step()).isFalse();
        }
        assertThat(spool.records()).isEqualTo(1);
        assertThat(replay.history()).isEmpty();

        ready.set(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            replayer.step();
            return spool.isEmpty() && publisher.isDirect();
        });
        assertThat(replay.history()).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly("1:spooled");
        assertThat(made).hasValue(1);
    }

    @Test
    void shouldNotStopReplayingWhenAValueCannotBeFinishedYetWhileTheBreakerIsHalfOpen() throws Exception {
        publisher.publish(record("1"));
        live.errorNext(new TimeoutException("down")); // trips: the breaker is open, "1" in the spool
        await().until(() -> !spool.peek(1, 1 << 20).isEmpty());
        java.util.concurrent.atomic.AtomicBoolean registered = new java.util.concurrent.atomic.AtomicBoolean();
        SpoolReplayer replayer = new SpoolReplayer(() -> replay, TOPIC, spool, breaker, publisher, () -> true,
                Duration.ofSeconds(1), metrics, 500).finishingWith(value -> {
                    if (!registered.get()) {
                        throw new ValueFinisher.NotYet("schema-registry: not registered yet");
                    }
                    return value;
                });
        for (int i = 0; i < 5; i++) {
            Thread.sleep(15);
            assertThat(replayer.step()).isFalse();
        }
        assertThat(breaker.state()).isNotEqualTo(CircuitBreaker.State.HALF_OPEN);

        registered.set(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            replayer.step();
            return spool.isEmpty();
        });
        assertThat(replay.history()).hasSize(1);
    }

    private static List<String> values(List<SpoolEntry> entries) {
        return entries.stream().map(e -> new String(e.value(), StandardCharsets.UTF_8)).toList();
    }

    private static SpoolableRecord record(String id) {
        return new SpoolableRecord() {
            @Override
            public byte[] key() {
                return "key".getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public byte[] value(boolean spooled) {
                return (id + (spooled ? ":spooled" : ":direct")).getBytes(StandardCharsets.UTF_8);
            }
        };
    }
}
