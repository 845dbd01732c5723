package io.igrelay.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.ChannelEventType;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.Flavour;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.processor.testing.MetaFixtures;
import io.igrelay.processor.testing.TopologyHarness;
import io.igrelay.processor.testing.Webhooks;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One Instagram account, two tenants: inbound content goes only to the channel that holds the account now, never
 * to a disconnected one, whatever order the channel records arrive in; no token event revives a disconnected
 * channel, and no event makes a second channel of the account ACTIVE.
 */
class TenantSafetyTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final String OLD = "0b9f6c52-0000-0000-0000-00000000000a";
    private static final String NEW = "0b9f6c52-0000-0000-0000-00000000000b";
    private static final String IGSID = "7309182736451928";
    private TopologyHarness harness;
    private int messages;

    @BeforeEach
    void start() {
        harness = TopologyHarness.start(false, T0);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private void event(String channelId, ChannelEventType type, Instant at) {
        harness.channelEvents.pipeInput(channelId, ChannelEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                .setChannelId(channelId).setType(type).setApplicationId("app-" + channelId)
                .setIgUserId(TopologyHarness.ACCOUNT).setUsername("shop").setFlavour(Flavour.INSTAGRAM_LOGIN)
                .setAt(at).build(), at);
    }

    /** The event a DM to the account becomes right now. */
    private InstagramEvent dm(Instant at) {
        harness.events.readValuesToList();
        String mid = "m-" + ++messages;
        harness.raw.pipeInput(TopologyHarness.ACCOUNT, MetaFixtures.delivery("d-" + mid, Webhooks.delivery(List.of(
                Webhooks.message(IGSID, mid, at, "private text"))), at), at);
        return harness.events.readValue();
    }

    private static Channel channel(String id, ChannelStatus status, Instant connectedAt) {
        return Channel.newBuilder().setChannelId(id).setApplicationId("app-" + id)
                .setIgUserId(TopologyHarness.ACCOUNT).setUsername("shop").setFlavour(Flavour.INSTAGRAM_LOGIN)
                .setStatus(status).setConnectedAt(connectedAt).setUpdatedAt(connectedAt).build();
    }

    @Test
    void shouldRouteToTheActiveChannelAfterARestoreAppliesTheDisconnectedOneLast() {
        harness.channelsIn.pipeInput(NEW, channel(NEW, ChannelStatus.ACTIVE, T0.minusSeconds(600)), T0);
        harness.channelsIn.pipeInput(OLD, channel(OLD, ChannelStatus.DISCONNECTED, T0.minusSeconds(60)), T0);
        assertThat(dm(T0.plusSeconds(1)).getChannelId()).isEqualTo(NEW);
    }

    @Test
    void shouldWithholdContentWhenTheOnlyChannelsAreDisconnected() {
        harness.channelsIn.pipeInput(NEW, channel(NEW, ChannelStatus.DISCONNECTED, T0.minusSeconds(60)), T0);
        harness.channelsIn.pipeInput(OLD, channel(OLD, ChannelStatus.DISCONNECTED, T0.minusSeconds(600)), T0);
        InstagramEvent event = dm(T0.plusSeconds(1));
        assertThat(event.getChannelId()).isNull();
        assertThat(event.getMetadataOnly()).isTrue();
        assertThat(event.getText()).isNull();
    }

    @Test
    void shouldNotReviveADisconnectedChannelOnATokenRefresh() {
        event(OLD, ChannelEventType.CONNECTED, T0);
        event(OLD, ChannelEventType.DISCONNECTED, T0.plusSeconds(10));
        harness.channels.readValuesToList();
        event(OLD, ChannelEventType.TOKEN_REFRESHED, T0.plusSeconds(20));
        event(OLD, ChannelEventType.TOKEN_INVALID, T0.plusSeconds(30));
        assertThat(harness.channels.isEmpty()).as("both events ignored").isTrue();
        InstagramEvent event = dm(T0.plusSeconds(40));
        assertThat(event.getChannelId()).isNull();
        assertThat(event.getMetadataOnly()).isTrue();
    }

    @Test
    void shouldRouteToTheNewTenantAndRefuseTheOldChannelsReconnectWhileTheNewOneIsActive() {
        event(OLD, ChannelEventType.CONNECTED, T0);
        event(OLD, ChannelEventType.DISCONNECTED, T0.plusSeconds(10));
        event(NEW, ChannelEventType.CONNECTED, T0.plusSeconds(20));
        assertThat(dm(T0.plusSeconds(30)).getChannelId()).isEqualTo(NEW);
        harness.channels.readValuesToList();

        event(OLD, ChannelEventType.RECONNECTED, T0.plusSeconds(40));
        assertThat(harness.channels.isEmpty()).as("refused: the account has another active channel").isTrue();
        assertThat(dm(T0.plusSeconds(50)).getChannelId()).isEqualTo(NEW);
    }

    @Test
    void shouldRouteToTheOldChannelOnceItReconnectsAfterTheNewOneLeft() {
        event(OLD, ChannelEventType.CONNECTED, T0);
        event(OLD, ChannelEventType.DISCONNECTED, T0.plusSeconds(10));
        event(NEW, ChannelEventType.CONNECTED, T0.plusSeconds(20));
        event(NEW, ChannelEventType.DISCONNECTED, T0.plusSeconds(30));
        assertThat(dm(T0.plusSeconds(35)).getChannelId()).as("nobody holds it").isNull();
        event(OLD, ChannelEventType.RECONNECTED, T0.plusSeconds(40));
        assertThat(dm(T0.plusSeconds(50)).getChannelId()).isEqualTo(OLD);
    }
}
