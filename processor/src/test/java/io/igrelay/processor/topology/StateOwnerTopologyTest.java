package io.igrelay.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.ChannelEventType;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.DeletionRequest;
import io.igrelay.avro.DeletionState;
import io.igrelay.avro.DeletionStatus;
import io.igrelay.avro.DeletionSubject;
import io.igrelay.avro.Flavour;
import io.igrelay.processor.testing.MetaFixtures;
import io.igrelay.processor.testing.TopologyHarness;
import io.igrelay.processor.testing.Webhooks;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The processor as sole writer of ig.channels (contract §4, 5.3) and the data-deletion callback (contract §7). */
class StateOwnerTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private TopologyHarness harness;

    @BeforeEach
    void start() {
        harness = TopologyHarness.start(false, T0);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void shouldKeepTheUuidAndConnectionTimeOnReconnect() {
        harness.connectChannel(T0);
        harness.channelEvents.pipeInput(TopologyHarness.CHANNEL, ChannelEvent.newBuilder().setEventId("r")
                .setChannelId(TopologyHarness.CHANNEL).setType(ChannelEventType.RECONNECTED)
                .setApplicationId(TopologyHarness.APP).setIgUserId(TopologyHarness.ACCOUNT).setUsername("renamed")
                .setFlavour(Flavour.FACEBOOK_LOGIN).setAt(T0.plusSeconds(60)).build(), T0.plusSeconds(60));
        List<Channel> channels = harness.channels.readValuesToList();
        Channel latest = channels.get(channels.size() - 1);
        assertThat(latest.getChannelId()).isEqualTo(TopologyHarness.CHANNEL);
        assertThat(latest.getConnectedAt()).isEqualTo(T0);
        assertThat(latest.getUsername()).isEqualTo("renamed");
        assertThat(latest.getStatus()).isEqualTo(ChannelStatus.ACTIVE);
    }

    @Test
    void shouldRefuseASecondActiveChannelForTheSameInstagramAccount() {
        harness.connectChannel(T0);
        harness.channels.readValuesToList();
        harness.connect("another-uuid", "app-2", TopologyHarness.ACCOUNT, "fixture.shop", T0.plusSeconds(5));
        assertThat(harness.channels.isEmpty()).isTrue();
    }

    @Test
    void shouldDeleteTheAppScopedUsersChannelsOnDataDeletion() {
        harness.connectChannel(T0);
        harness.channels.readValuesToList();
        harness.deletions.pipeInput("code", DeletionRequest.newBuilder().setConfirmationCode("code")
                .setSubjectType(DeletionSubject.APP_SCOPED_USER).setSubjectId("asid-" + TopologyHarness.ACCOUNT)
                .setAppId("meta-app").setRequestedAt(T0.plusSeconds(10)).build(), T0.plusSeconds(10));
        TestRecord<String, Channel> tombstone = harness.channels.readRecord();
        assertThat(tombstone.key()).isEqualTo(TopologyHarness.CHANNEL);
        assertThat(tombstone.value()).isNull();
        DeletionStatus status = harness.deletionStatus.readValue();
        assertThat(status.getRemoved()).containsEntry("channels", 1L);
        assertThat(status.getNoDataHeld()).isFalse();
    }

    @Test
    void shouldPurgeTheDeletedChannelsWindowsOnEveryTask() {
        harness.connectChannel(T0);
        harness.raw.pipeInput(TopologyHarness.ACCOUNT, MetaFixtures.delivery("d", Webhooks.delivery(List.of(
                Webhooks.message("555", "m-1", T0, "hi")))), T0);
        harness.windows.readValuesToList();
        harness.deletions.pipeInput("code", DeletionRequest.newBuilder().setConfirmationCode("code")
                .setSubjectType(DeletionSubject.APP_SCOPED_USER).setSubjectId("asid-" + TopologyHarness.ACCOUNT)
                .setRequestedAt(T0.plusSeconds(10)).build(), T0.plusSeconds(10));
        TestRecord<String, io.igrelay.avro.ConversationWindow> tombstone = harness.windows.readRecord();
        assertThat(tombstone.key()).isEqualTo("555");
        assertThat(tombstone.value()).isNull();
        assertThat(harness.driver.getKeyValueStore("windows").get("555")).isNull();
    }

    @Test
    void shouldReportNoDataHeldWhenNothingMatches() {
        harness.deletions.pipeInput("code", DeletionRequest.newBuilder().setConfirmationCode("code")
                .setSubjectType(DeletionSubject.APP_SCOPED_USER).setSubjectId("nobody")
                .setRequestedAt(T0).build(), T0);
        assertThat(harness.deletionStatus.readValue().getNoDataHeld()).isTrue();
    }

    @Test
    void shouldCompleteTheDeletionWithTheCountOfPurgedWindows() {
        String otherAccount = "17841400000000099";
        harness.connectChannel(T0);
        harness.connect("other-channel", TopologyHarness.APP, otherAccount, "other.shop", T0);
        harness.raw.pipeInput(TopologyHarness.ACCOUNT, MetaFixtures.delivery("d1", Webhooks.delivery(List.of(
                Webhooks.message("555", "m-1", T0, "hi"), Webhooks.message("666", "m-2", T0, "hi")))), T0);
        harness.raw.pipeInput(otherAccount, MetaFixtures.delivery("d2", Webhooks.delivery(otherAccount, List.of(
                Webhooks.message("777", "m-3", T0, "hi").replace(TopologyHarness.ACCOUNT, otherAccount)))), T0);
        assertThat(harness.windows.readKeyValuesToMap()).containsOnlyKeys("555", "666", "777");
        harness.deletions.pipeInput("code", DeletionRequest.newBuilder().setConfirmationCode("code")
                .setSubjectType(DeletionSubject.APP_SCOPED_USER).setSubjectId("asid-" + TopologyHarness.ACCOUNT)
                .setRequestedAt(T0.plusSeconds(10)).build(), T0.plusSeconds(10));

        List<DeletionStatus> statuses = harness.deletionStatus.readValuesToList();
        assertThat(statuses).extracting(DeletionStatus::getState)
                .containsExactly(DeletionState.IN_PROGRESS, DeletionState.COMPLETED);
        DeletionStatus done = statuses.get(1);
        assertThat(done.getConfirmationCode()).isEqualTo("code");
        assertThat(done.getRemoved()).containsEntry("channels", 1L).containsEntry("windows", 2L);
        assertThat(done.getNoDataHeld()).isFalse();
        assertThat(harness.driver.getKeyValueStore("windows").get("777")).isNotNull();
        assertThat(harness.driver.getKeyValueStore("deletion-tallies").get("code")).isNull();
    }

    @Test
    void shouldReportZeroWindowsWhenTheDeletedChannelHadNoConversation() {
        harness.connectChannel(T0);
        harness.deletions.pipeInput("code", DeletionRequest.newBuilder().setConfirmationCode("code")
                .setSubjectType(DeletionSubject.APP_SCOPED_USER).setSubjectId("asid-" + TopologyHarness.ACCOUNT)
                .setRequestedAt(T0.plusSeconds(10)).build(), T0.plusSeconds(10));
        List<DeletionStatus> statuses = harness.deletionStatus.readValuesToList();
        DeletionStatus done = statuses.get(statuses.size() - 1);
        assertThat(done.getState()).isEqualTo(DeletionState.COMPLETED);
        assertThat(done.getRemoved()).containsEntry("channels", 1L).containsEntry("windows", 0L);
    }
}
