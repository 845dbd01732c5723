package io.igrelay.ingress.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.igrelay.schemas.registry.InMemorySchemaRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Registry lookups and blocking Kafka calls never run on an event loop; a test fails if one does. */
class EventLoopGuardTest {

    private static final Schema SCHEMA = SchemaBuilder.record("Probe").fields().requiredString("a").endRecord();

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    /** Runs {@code work} on an event loop and returns what it threw (null if nothing). */
    private Throwable onEventLoop(Runnable work) throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            try {
                work.run();
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        return outcome.get(5, TimeUnit.SECONDS);
    }

    @Test
    void shouldRefuseARegistryLookupOnTheEventLoopInStrictMode() throws Exception {
        EventLoopGuard guard = new EventLoopGuard(() -> true);
        GuardedRegistryClient registry = new GuardedRegistryClient(new InMemorySchemaRegistry(), guard);

        Throwable thrown = onEventLoop(() -> registry.register("t-value", SCHEMA));

        assertThat(thrown).isInstanceOf(EventLoopGuard.BlockingOnEventLoop.class)
                .hasMessageContaining("schema registry: register t-value").hasMessageContaining("vert.x-eventloop");
        assertThat(guard.violations()).isEqualTo(1);
    }

    @Test
    void shouldCountButAllowAViolationOutsideStrictModeAndExposeIt() throws Exception {
        EventLoopGuard guard = new EventLoopGuard(() -> false);
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        guard.bindTo(metrics);
        GuardedRegistryClient registry = new GuardedRegistryClient(new InMemorySchemaRegistry(), guard);

        assertThat(onEventLoop(() -> registry.register("t-value", SCHEMA))).isNull();

        assertThat(metrics.get("igrelay_ingress_event_loop_blocking_calls").functionCounter().count()).isEqualTo(1);
    }

    @Test
    void shouldLetAWorkerThreadCallTheRegistry() {
        EventLoopGuard guard = new EventLoopGuard(() -> true);
        GuardedRegistryClient registry = new GuardedRegistryClient(new InMemorySchemaRegistry(), guard);

        assertThat(registry.register("t-value", SCHEMA)).isPositive();
        assertThat(guard.violations()).isZero();
    }

    @Test
    void shouldSendOffTheEventLoopSoASerializerLookupNeverRunsOnIt() throws Exception {
        EventLoopGuard guard = new EventLoopGuard(() -> true);
        AtomicReference<String> serializedOn = new AtomicReference<>();
        Serializer<String> lookingUp = (topic, value) -> {
            guard.check("schema registry: lookup in a serializer");
            serializedOn.set(Thread.currentThread().getName());
            return value.getBytes(StandardCharsets.UTF_8);
        };
        MockProducer<byte[], String> mock = new MockProducer<>(true, null, new ByteArraySerializer(), lookingUp);
        Producer<byte[], String> producer = OffLoopProducer.wrap(mock, "test", guard);
        CompletableFuture<Object> acked = new CompletableFuture<>();

        Throwable thrown = onEventLoop(() -> producer.send(new ProducerRecord<>("t", "v"), (meta, error) -> {
            if (error == null) {
                acked.complete(meta);
            } else {
                acked.completeExceptionally(error);
            }
        }));

        assertThat(thrown).isNull();
        assertThat(acked.get(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(serializedOn.get()).isEqualTo("igrelay-send-test");
        assertThat(mock.history()).hasSize(1);
        assertThat(guard.violations()).isZero();
        producer.close();
    }

    @Test
    void shouldRefuseABlockingMetadataFetchOnTheEventLoop() throws Exception {
        EventLoopGuard guard = new EventLoopGuard(() -> true);
        Producer<byte[], String> producer = OffLoopProducer.wrap(new MockProducer<>(true, null,
                new ByteArraySerializer(), (t, v) -> new byte[0]), "test", guard);

        assertThat(onEventLoop(() -> producer.partitionsFor("t")))
                .isInstanceOf(EventLoopGuard.BlockingOnEventLoop.class).hasMessageContaining("partitionsFor");
        assertThatCode(() -> guard.check("off the loop")).doesNotThrowAnyException();
    }
}
