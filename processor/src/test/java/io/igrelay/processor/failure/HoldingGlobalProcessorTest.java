package io.igrelay.processor.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import io.igrelay.avro.Application;
import io.igrelay.processor.state.GlobalPutProcessor;
import io.igrelay.processor.testing.TestFailures;
import io.igrelay.schemas.registry.SchemaRegistryException;
import io.igrelay.schemas.serde.AvroSerdes;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A global store's feed never throws (the global thread cannot be replaced) and never skips a record for want of
 * the registry: it waits for the registry and applies the record afterwards; a malformed record is skipped and
 * counted; any other failure is retried up to the policy's bound, then skipped.
 */
class HoldingGlobalProcessorTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private final TestFailures failures = new TestFailures();
    private final AvroSerdes serdes = AvroSerdes.fromUrl("mem://holding-global-test", Optional.empty());
    private final AtomicBoolean registryDown = new AtomicBoolean();
    private final AtomicInteger decodes = new AtomicInteger();
    private final MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
    private KeyValueStore<String, Application> store;

    @BeforeEach
    void init() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("applications"), Serdes.String(),
                serdes.forType(Application.class)).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    private HoldingGlobalProcessor<Application> feed(KeyValueStore<String, Application> target) {
        Deserializer<Application> real = serdes.forType(Application.class).deserializer();
        Deserializer<Application> flaky = (topic, data) -> {
            decodes.incrementAndGet();
            if (registryDown.get()) {
                throw new SchemaRegistryException("connection refused", 0, 0);
            }
            return real.deserialize(topic, data);
        };
        MockProcessorContext<Void, Void> own = new MockProcessorContext<>();
        own.addStateStore(target);
        HoldingGlobalProcessor<Application> feed = new HoldingGlobalProcessor<>(
                new GlobalPutProcessor<>(target.name()), flaky, failures.guard);
        feed.init(own);
        return feed;
    }

    private static Application app(String id) {
        return Application.newBuilder().setApplicationId(id).setName(id).setHumanAgentAllowed(false)
                .setCreatedAt(T0).setUpdatedAt(T0).build();
    }

    private byte[] bytes(Application app) {
        return serdes.forType(Application.class).serializer().serialize("hub.applications", app);
    }

    @Test
    void shouldWaitForTheRegistryAndThenApplyTheRecord() throws Exception {
        HoldingGlobalProcessor<Application> feed = feed(store);
        registryDown.set(true);
        failures.registryAnswers.set(false);
        Thread global = new Thread(() -> feed.process(new Record<>("app-1", bytes(app("app-1")), 1L)));
        global.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !failures.gate.available());
        await().atMost(Duration.ofSeconds(10)).until(() -> global.getState() == Thread.State.TIMED_WAITING);
        assertThat(store.get("app-1")).as("held, not applied and not skipped").isNull();
        assertThat(failures.guard.skipped().get()).isZero();

        registryDown.set(false);
        failures.registryAnswers.set(true);
        global.join(10_000);
        assertThat(global.isAlive()).isFalse();
        assertThat(store.get("app-1")).isEqualTo(app("app-1"));
        assertThat(failures.pauses.get()).as("the global thread waits; it does not pause the stream threads")
                .isZero();
    }

    @Test
    void shouldSkipAMalformedRecordAndApplyTheNext() {
        HoldingGlobalProcessor<Application> feed = feed(store);
        assertThatCode(() -> feed.process(new Record<>("bad", "not avro".getBytes(StandardCharsets.UTF_8), 1L)))
                .doesNotThrowAnyException();
        feed.process(new Record<>("app-2", bytes(app("app-2")), 2L));
        assertThat(store.get("bad")).isNull();
        assertThat(store.get("app-2")).isEqualTo(app("app-2"));
        assertThat(failures.guard.skipped().get()).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldRetryARecordTheStoreRefusesUpToTheBoundThenSkipIt() {
        AtomicInteger writes = new AtomicInteger();
        KeyValueStore<String, Application> refusing = (KeyValueStore<String, Application>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("name")) {
                        return "refusing";
                    }
                    writes.incrementAndGet();
                    throw new ProcessorStateException("disk full");
                });
        HoldingGlobalProcessor<Application> feed = feed(refusing);
        assertThatCode(() -> feed.process(new Record<>("app-3", bytes(app("app-3")), 1L)))
                .doesNotThrowAnyException();
        assertThat(writes.get()).isEqualTo(failures.failures.policy().maxAttempts());
        assertThat(failures.guard.skipped().get()).isEqualTo(1);
    }
}
