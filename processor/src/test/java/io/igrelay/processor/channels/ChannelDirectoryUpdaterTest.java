package io.igrelay.processor.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.Flavour;
import io.igrelay.schemas.serde.AvroSerdes;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The global thread has no processing-exception handler on Kafka 4.1: a record the directory cannot apply is skipped,
 * and the thread (here, the caller) never sees an exception.
 */
class ChannelDirectoryUpdaterTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private final MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
    private final ChannelDirectoryUpdater updater = new ChannelDirectoryUpdater("directory");
    private KeyValueStore<String, Channel> store;

    @BeforeEach
    void init() {
        AvroSerdes serdes = AvroSerdes.fromUrl("mem://channel-directory-test", Optional.empty());
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("directory"), Serdes.String(),
                serdes.forType(Channel.class)).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        updater.init(context);
    }

    private static Channel channel(String id) {
        return Channel.newBuilder().setChannelId(id).setApplicationId("app").setIgUserId("17841400000000001")
                .setUsername("Fixture.Shop").setFlavour(Flavour.INSTAGRAM_LOGIN).setStatus(ChannelStatus.ACTIVE)
                .setConnectedAt(T0).setUpdatedAt(T0).build();
    }

    @Test
    void shouldSkipARecordWithoutKeyAndApplyTheNext() {
        assertThatCode(() -> updater.process(new Record<>(null, channel("c1"), 1L))).doesNotThrowAnyException();
        assertThat(store.approximateNumEntries()).isZero();
        updater.process(new Record<>("c1", channel("c1"), 2L));
        assertThat(store.get(ChannelDirectory.BY_ID + "c1")).isEqualTo(channel("c1"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldSkipARecordTheStoreRefuses() {
        KeyValueStore<String, Channel> refusing = (KeyValueStore<String, Channel>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("name")) {
                        return "refusing";
                    }
                    throw new ProcessorStateException("disk full");
                });
        MockProcessorContext<Void, Void> other = new MockProcessorContext<>();
        other.addStateStore(refusing);
        ChannelDirectoryUpdater skipping = new ChannelDirectoryUpdater("refusing");
        skipping.init(other);

        assertThatCode(() -> skipping.process(new Record<>("c1", channel("c1"), 1L))).doesNotThrowAnyException();
    }
}
