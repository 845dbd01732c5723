package io.igrelay.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.ConversationWindow;
import io.igrelay.avro.DeletionRequest;
import io.igrelay.avro.DeletionStatus;
import io.igrelay.avro.DeletionSubject;
import io.igrelay.avro.DeliveryState;
import io.igrelay.avro.EventKind;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.OutboundMessage;
import io.igrelay.avro.TextContent;
import io.igrelay.avro.WindowState;
import io.igrelay.processor.status.StatusView;
import io.igrelay.processor.testing.MetaFixtures;
import io.igrelay.processor.testing.TopologyHarness;
import io.igrelay.processor.testing.Webhooks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Status table (contract §6.4), echo matching (6.1), Meta closing a window (6.2) and end-user erasure (7). */
class StatusTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final String IGSID = "7309182736451928";
    private TopologyHarness harness;

    @BeforeEach
    void start() {
        harness = TopologyHarness.start(false, T0);
        harness.connectChannel(T0.minusSeconds(3600));
        harness.raw.pipeInput(TopologyHarness.ACCOUNT, MetaFixtures.delivery("d1", Webhooks.delivery(List.of(
                Webhooks.message(IGSID, "m-user-1", T0, "hello")))), T0);
        harness.events.readValuesToList();
        harness.windows.readValuesToList();
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private void request(String messageId, Instant at) {
        harness.requests.pipeInput(IGSID, OutboundMessage.newBuilder().setMessageId(messageId)
                .setApplicationId(TopologyHarness.APP).setFrom(TopologyHarness.CHANNEL).setTo(IGSID)
                .setContent(new TextContent("x")).setRequestedAt(at).build(), at);
    }

    private MessageStatus status(String messageId, DeliveryState state, Instant at, String... mids) {
        return MessageStatus.newBuilder().setMessageId(messageId).setTo(IGSID).setStatus(state)
                .setMetaMessageIds(List.of(mids)).setAt(at).setDecisionTime(at).build();
    }

    private StatusView row(String messageId) {
        KeyValueStore<String, StatusView> store = harness.driver.getKeyValueStore("status-by-id");
        return store.get(messageId);
    }

    @Test
    void shouldFollowTheOneWayStateMachineAndDropLateLowerStatuses() {
        request("msg-1", T0.plusSeconds(10));
        assertThat(row("msg-1").status()).isEqualTo("ENQUEUED");
        harness.statusIn.pipeInput(IGSID, status("msg-1", DeliveryState.SENT, T0.plusSeconds(11), "meta-1"));
        harness.statusIn.pipeInput(IGSID, status("msg-1", DeliveryState.ENQUEUED, T0.plusSeconds(12)));
        StatusView view = row("msg-1");
        assertThat(view.status()).isEqualTo("SENT");
        assertThat(view.metaMessageIds()).containsExactly("meta-1");
        assertThat(view.history()).extracting(StatusView.Step::status).containsExactly("ENQUEUED", "SENT");
    }

    @Test
    void shouldKeepRejectedAndFailedFinal() {
        harness.statusIn.pipeInput(IGSID, status("msg-2", DeliveryState.FAILED, T0));
        harness.statusIn.pipeInput(IGSID, status("msg-2", DeliveryState.SENT, T0.plusSeconds(1)));
        assertThat(row("msg-2").status()).isEqualTo("FAILED");
    }

    @Test
    void shouldMarkEverySentMessageUpToTheSeenOneAsRead() {
        harness.statusIn.pipeInput(IGSID, status("a", DeliveryState.SENT, T0.plusSeconds(10), "meta-a"));
        harness.statusIn.pipeInput(IGSID, status("b", DeliveryState.SENT, T0.plusSeconds(20), "meta-b"));
        harness.statusIn.pipeInput(IGSID, status("c", DeliveryState.SENT, T0.plusSeconds(40), "meta-c"));
        harness.statuses.readValuesToList();
        harness.raw.pipeInput(TopologyHarness.ACCOUNT, MetaFixtures.delivery("seen", Webhooks.delivery(List.of(
                Webhooks.seen(IGSID, "meta-b", T0.plusSeconds(25))))), T0.plusSeconds(25));
        List<MessageStatus> reads = harness.statuses.readValuesToList();
        assertThat(reads).extracting(MessageStatus::getMessageId).containsExactlyInAnyOrder("a", "b");
        assertThat(reads).extracting(MessageStatus::getStatus).containsOnly(DeliveryState.READ);
        assertThat(row("a").status()).isEqualTo("READ");
        assertThat(row("c").status()).isEqualTo("SENT");
    }

    @Test
    void shouldSwallowTheEchoOfTheHubsOwnSend() {
        harness.statusIn.pipeInput(IGSID, status("a", DeliveryState.SENT, T0.plusSeconds(10), "meta-a"));
        harness.raw.pipeInput(TopologyHarness.ACCOUNT, MetaFixtures.delivery("echo", Webhooks.delivery(List.of(
                Webhooks.echo(IGSID, "meta-a", T0.plusSeconds(11))))), T0.plusSeconds(11));
        harness.advance(Duration.ofMinutes(5));
        assertThat(harness.events.isEmpty()).isTrue();
    }

    @Test
    void shouldSwallowAnEchoWhoseMidIsInTheDispatchersLedger() {
        harness.ledger.pipeInput(TopologyHarness.ACCOUNT + "|" + IGSID, io.igrelay.avro.SendRecord.newBuilder()
                .setMessageId("a").setConversationKey(TopologyHarness.ACCOUNT + "|" + IGSID)
                .setOutcome(io.igrelay.avro.SendOutcome.SENT).setMetaMessageIds(List.of("meta-ledger"))
                .setAt(T0.plusSeconds(10)).build(), T0.plusSeconds(10));
        harness.raw.pipeInput(TopologyHarness.ACCOUNT, MetaFixtures.delivery("echo", Webhooks.delivery(List.of(
                Webhooks.echo(IGSID, "meta-ledger", T0.plusSeconds(11)))), T0.plusSeconds(11)), T0.plusSeconds(11));
        harness.advance(Duration.ofMinutes(5));
        assertThat(harness.events.isEmpty()).isTrue();
    }

    @Test
    void shouldHoldAnUnmatchedEchoForTheGracePeriodThenPublishIt() {
        harness.raw.pipeInput(TopologyHarness.ACCOUNT, MetaFixtures.delivery("echo", Webhooks.delivery(List.of(
                Webhooks.echo(IGSID, "typed-in-app", T0.plusSeconds(1)))), T0.plusSeconds(1)), T0.plusSeconds(1));
        harness.advance(Duration.ofSeconds(30));
        assertThat(harness.events.isEmpty()).isTrue();
        harness.advance(Duration.ofSeconds(40));
        InstagramEvent echo = harness.events.readValue();
        assertThat(echo.getKind()).isEqualTo(EventKind.ECHO);
        assertThat(echo.getMid()).isEqualTo("typed-in-app");
    }

    @Test
    void shouldDropAHeldEchoWhenItsSentStatusArrivesLate() {
        harness.raw.pipeInput(TopologyHarness.ACCOUNT, MetaFixtures.delivery("echo", Webhooks.delivery(List.of(
                Webhooks.echo(IGSID, "meta-late", T0.plusSeconds(1))))), T0.plusSeconds(1));
        harness.statusIn.pipeInput(IGSID, status("late", DeliveryState.SENT, T0.plusSeconds(5), "meta-late"));
        harness.advance(Duration.ofMinutes(2));
        assertThat(harness.events.isEmpty()).isTrue();
    }

    @Test
    void shouldCloseTheWindowWhenMetaRefusesAfterTheLastUserAction() {
        MessageStatus failed = status("f", DeliveryState.FAILED, T0.plusSeconds(60));
        failed.setErrorCode("WINDOW_CLOSED");
        harness.statusIn.pipeInput(IGSID, failed);
        ConversationWindow window = harness.windows.readValue();
        assertThat(window.getState()).isEqualTo(WindowState.CLOSED);
        assertThat(window.getClosedByMetaAt()).isEqualTo(T0.plusSeconds(60));
        request("after", T0.plusSeconds(70));
        assertThat(harness.statuses.readValuesToList()).extracting(MessageStatus::getErrorCode)
                .contains("WINDOW_CLOSED");
    }

    @Test
    void shouldKeepTheWindowOpenWhenTheUserWroteAfterMetasDecision() {
        MessageStatus failed = status("f", DeliveryState.FAILED, T0.minusSeconds(60));
        failed.setErrorCode("WINDOW_CLOSED");
        harness.statusIn.pipeInput(IGSID, failed);
        assertThat(harness.windows.isEmpty()).isTrue();
    }

    @Test
    void shouldEraseAnIgsidSoItCountsAsNeverContacted() {
        request("msg-1", T0.plusSeconds(10));
        harness.statuses.readValuesToList();
        harness.deletions.pipeInput("code-1", DeletionRequest.newBuilder().setConfirmationCode("code-1")
                .setSubjectType(DeletionSubject.IGSID).setSubjectId(IGSID).setApplicationId(TopologyHarness.APP)
                .setRequestedAt(T0.plusSeconds(20)).build(), T0.plusSeconds(20));
        assertThat(harness.windows.readRecord().value()).isNull();
        DeletionStatus done = harness.deletionStatus.readValue();
        assertThat(done.getRemoved()).containsEntry("windows", 1L).containsEntry("statuses", 1L);
        assertThat(done.getNoDataHeld()).isFalse();
        assertThat(row("msg-1")).isNull();
        request("msg-2", T0.plusSeconds(30));
        assertThat(harness.statuses.readValue().getErrorCode()).isEqualTo("NO_CONVERSATION");
        harness.raw.pipeInput(TopologyHarness.ACCOUNT, MetaFixtures.delivery("again", Webhooks.delivery(List.of(
                Webhooks.message(IGSID, "m-user-1", T0, "hello")))), T0.plusSeconds(40));
        assertThat(harness.events.readValuesToList()).hasSize(1);
    }

    @Test
    void shouldForgetLedgerOnlyMidsAfterTheDedupHorizon() {
        harness.ledger.pipeInput(TopologyHarness.ACCOUNT + "|" + IGSID, io.igrelay.avro.SendRecord.newBuilder()
                .setMessageId("a").setConversationKey(TopologyHarness.ACCOUNT + "|" + IGSID)
                .setOutcome(io.igrelay.avro.SendOutcome.SENT).setMetaMessageIds(List.of("meta-ledger-only"))
                .setAt(T0.plusSeconds(10)).build(), T0.plusSeconds(10));
        KeyValueStore<String, String> sentMids = harness.driver.getKeyValueStore("sent-mids");
        KeyValueStore<String, String> deadlines = harness.driver.getKeyValueStore("sent-mid-expiry");
        assertThat(sentMids.get("meta-ledger-only")).isEqualTo("a");

        harness.advance(Duration.ofDays(6));
        assertThat(sentMids.get("meta-ledger-only")).isEqualTo("a");
        harness.raw.pipeInput(TopologyHarness.ACCOUNT, MetaFixtures.delivery("echo", Webhooks.delivery(List.of(
                Webhooks.echo(IGSID, "meta-ledger-only", T0.plusSeconds(11))))), T0.plusSeconds(11));
        harness.advance(Duration.ofMinutes(5));
        assertThat(harness.events.isEmpty()).isTrue();

        harness.advance(Duration.ofDays(1));
        assertThat(sentMids.get("meta-ledger-only")).isNull();
        try (var left = deadlines.all()) {
            assertThat(left.hasNext()).isFalse();
        }
    }

    @Test
    void shouldGiveMidsOfSentStatusesTheSameBoundedLifetime() {
        harness.statusIn.pipeInput(IGSID, status("s", DeliveryState.SENT, T0.plusSeconds(10), "meta-s"),
                T0.plusSeconds(10));
        KeyValueStore<String, String> sentMids = harness.driver.getKeyValueStore("sent-mids");
        assertThat(sentMids.get("meta-s")).isEqualTo("s");
        harness.advance(Duration.ofDays(7).plusMinutes(1));
        assertThat(sentMids.get("meta-s")).isNull();
        assertThat(row("s").status()).isEqualTo("SENT");
    }
}
