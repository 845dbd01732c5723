package io.igrelay.processor.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.DeletionState;
import io.igrelay.avro.DeletionStatus;
import io.igrelay.processor.state.JsonSerde;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tally on several partitions, which TopologyTestDriver cannot show (it runs one task): the deletion completes
 * only when every task has reported, with the windows of all reports added up.
 */
class DeletionTallyProcessorTest {

    private final MockProcessorContext<String, DeletionStatus> context = new MockProcessorContext<>();
    private final DeletionTallyProcessor tally = new DeletionTallyProcessor("tallies");
    private KeyValueStore<String, DeletionTally> store;

    @BeforeEach
    void init() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("tallies"), Serdes.String(),
                JsonSerde.of(DeletionTally.class)).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        tally.init(context);
    }

    private void report(ChannelPurge purge, long windows, long at) {
        tally.process(new Record<>(purge.confirmationCode(), new PurgeReport(purge, windows), at));
    }

    @Test
    void shouldCompleteOnlyWhenEveryPartitionHasReported() {
        ChannelPurge purge = new ChannelPurge("code", List.of("c1"), Map.of("channels", 1L, "tokens", 1L), 5L, 3);
        report(purge, 2, 10);
        report(purge, 0, 11);
        assertThat(context.forwarded()).isEmpty();
        assertThat(store.get("code")).isEqualTo(new DeletionTally(2, 2));
        report(purge, 1, 12);
        assertThat(context.forwarded()).hasSize(1);
        DeletionStatus done = context.forwarded().get(0).record().value();
        assertThat(done.getState()).isEqualTo(DeletionState.COMPLETED);
        assertThat(done.getRemoved()).containsExactlyInAnyOrderEntriesOf(
                Map.of("channels", 1L, "tokens", 1L, "windows", 3L));
        assertThat(done.getUpdatedAt().toEpochMilli()).isEqualTo(12L);
        assertThat(store.get("code")).isNull();
    }

    @Test
    void shouldTallyConcurrentDeletionsSeparately() {
        ChannelPurge a = new ChannelPurge("a", List.of("c1"), Map.of("channels", 1L), 5L, 2);
        ChannelPurge b = new ChannelPurge("b", List.of("c2"), Map.of("channels", 1L), 5L, 2);
        report(a, 1, 10);
        report(b, 4, 10);
        report(a, 1, 11);
        assertThat(context.forwarded()).hasSize(1);
        assertThat(context.forwarded().get(0).record().value().getRemoved()).containsEntry("windows", 2L);
        assertThat(store.get("b")).isEqualTo(new DeletionTally(1, 4));
    }
}
