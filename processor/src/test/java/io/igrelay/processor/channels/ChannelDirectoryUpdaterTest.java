package io.igrelay.processor.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.Flavour;
import io.igrelay.schemas.serde.AvroSerdes;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The account index names the account's best-ranked channel (ACTIVE first, then the latest connection) whatever
 * order the channel records come in, and inbound content goes only to a channel that holds the account now.
 */
class ChannelDirectoryUpdaterTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final String ACCOUNT = "17841400000000001";
    private final MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
    private final ChannelDirectoryUpdater updater = new ChannelDirectoryUpdater("directory");
    private KeyValueStore<String, Channel> store;
    private ChannelDirectory directory;

    @BeforeEach
    void init() {
        AvroSerdes serdes = AvroSerdes.fromUrl("mem://channel-directory-test", Optional.empty());
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("directory"), Serdes.String(),
                serdes.forType(Channel.class)).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        updater.init(context);
        directory = new ChannelDirectory(store);
    }

    private static Channel channel(String id, ChannelStatus status, Instant connectedAt) {
        return Channel.newBuilder().setChannelId(id).setApplicationId("app-" + id).setIgUserId(ACCOUNT)
                .setUsername("shop").setFlavour(Flavour.INSTAGRAM_LOGIN).setStatus(status)
                .setConnectedAt(connectedAt).setUpdatedAt(connectedAt.plusSeconds(60)).build();
    }

    private void apply(Channel channel) {
        updater.process(new Record<>(channel.getChannelId(), channel, 1L));
    }

    private String indexed() {
        return directory.byAccount(ACCOUNT).map(Channel::getChannelId).orElse(null);
    }

    @Test
    void shouldSkipARecordWithoutKeyAndApplyTheNext() {
        Channel c1 = channel("c1", ChannelStatus.ACTIVE, T0);
        assertThatCode(() -> updater.process(new Record<>(null, c1, 1L))).doesNotThrowAnyException();
        assertThat(store.approximateNumEntries()).isZero();
        apply(c1);
        assertThat(store.get(ChannelDirectory.BY_ID + "c1")).isEqualTo(c1);
    }

    @Test
    void shouldIndexTheActiveChannelWhenARestoreAppliesAnOlderDisconnectedOneLast() {
        apply(channel("new-owner", ChannelStatus.ACTIVE, T0));
        apply(channel("old-owner", ChannelStatus.DISCONNECTED, T0.minusSeconds(86_400)));
        assertThat(indexed()).isEqualTo("new-owner");
        assertThat(directory.holderOf(ACCOUNT)).map(Channel::getChannelId).contains("new-owner");
    }

    @Test
    void shouldIndexTheActiveChannelWhenARestoreAppliesALaterConnectedDisconnectedOneLast() {
        apply(channel("active", ChannelStatus.ACTIVE, T0));
        apply(channel("disconnected", ChannelStatus.DISCONNECTED, T0.plusSeconds(3_600)));
        assertThat(indexed()).isEqualTo("active");
    }

    @Test
    void shouldIndexTheLatestConnectionAndWithholdWhenNoChannelIsActiveWhateverTheOrder() {
        Channel older = channel("older", ChannelStatus.DISCONNECTED, T0);
        Channel newer = channel("newer", ChannelStatus.DISCONNECTED, T0.plusSeconds(60));
        apply(newer);
        apply(older);
        assertThat(indexed()).isEqualTo("newer");
        assertThat(directory.holderOf(ACCOUNT)).as("a disconnected channel holds nothing").isEmpty();
    }

    @Test
    void shouldMoveTheIndexToTheOtherActiveChannelWhenTheIndexedOneDisconnects() {
        apply(channel("a", ChannelStatus.ACTIVE, T0));
        apply(channel("b", ChannelStatus.ACTIVE, T0.plusSeconds(60)));
        assertThat(indexed()).isEqualTo("b");
        apply(channel("b", ChannelStatus.DISCONNECTED, T0.plusSeconds(60)));
        assertThat(indexed()).isEqualTo("a");
    }

    @Test
    void shouldIndexTheRemainingChannelWhenTheIndexedOneIsDeleted() {
        apply(channel("kept", ChannelStatus.REAUTH_REQUIRED, T0));
        apply(channel("deleted", ChannelStatus.ACTIVE, T0.plusSeconds(60)));
        updater.process(new Record<>("deleted", null, 2L));
        assertThat(indexed()).isEqualTo("kept");
        assertThat(directory.holderOf(ACCOUNT)).as("re-auth still holds the account")
                .map(Channel::getChannelId).contains("kept");
        updater.process(new Record<>("kept", null, 3L));
        assertThat(directory.byAccount(ACCOUNT)).isEmpty();
    }

    @Test
    void shouldWithholdFromTheIndexedChannelOnceItDisconnects() {
        apply(channel("only", ChannelStatus.ACTIVE, T0));
        apply(channel("only", ChannelStatus.DISCONNECTED, T0));
        assertThat(indexed()).isEqualTo("only");
        assertThat(directory.holderOf(ACCOUNT)).isEmpty();
    }

    @Test
    void shouldGiveTheSameDirectoryWhenARecordIsAppliedTwice() {
        apply(channel("a", ChannelStatus.ACTIVE, T0));
        Channel moved = Channel.newBuilder(channel("a", ChannelStatus.ACTIVE, T0)).setIgUserId("other")
                .setUsername("renamed").build();
        apply(moved);
        apply(moved);
        assertThat(directory.byAccount(ACCOUNT)).isEmpty();
        assertThat(directory.byAccount("other")).contains(moved);
        assertThat(directory.resolveFrom("app-a", "shop")).isEmpty();
        assertThat(directory.resolveFrom("app-a", "renamed")).contains(moved);
    }
}
