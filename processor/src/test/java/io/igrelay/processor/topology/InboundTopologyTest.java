package io.igrelay.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.ConversationWindow;
import io.igrelay.avro.EventKind;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.WebhookDelivery;
import io.igrelay.avro.WindowState;
import io.igrelay.avro.WindowTrigger;
import io.igrelay.processor.inbound.EventIds;
import io.igrelay.processor.testing.MetaFixtures;
import io.igrelay.processor.testing.TopologyHarness;
import io.igrelay.processor.testing.Webhooks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Inbound rules (contract §6.1, 6.2): normalise, dedup, channel resolution, windows and their expiry. */
class InboundTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final String IGSID = "7309182736451928";
    private TopologyHarness harness;

    @BeforeEach
    void start() {
        harness = TopologyHarness.start(true, T0);
        harness.connectChannel(T0.minusSeconds(3600));
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private void deliver(String id, List<String> items, Instant at) {
        harness.raw.pipeInput(TopologyHarness.ACCOUNT, MetaFixtures.delivery(id, Webhooks.delivery(items)), at);
    }

    @Test
    void shouldEmitFiftyEventsOfOneDeliveryInTimestampOrder() {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            items.add(Webhooks.message("1000" + (i % 7), "m-" + i, T0.plusMillis(i * 1000L), "t" + i));
        }
        Collections.shuffle(items, new Random(42));
        deliver("d-50", items, T0.plusSeconds(60));
        List<InstagramEvent> events = harness.events.readValuesToList();
        assertThat(events).hasSize(50);
        assertThat(events).extracting(e -> e.getTimestamp().toEpochMilli()).isSorted();
        assertThat(events).extracting(InstagramEvent::getChannelId).containsOnly(TopologyHarness.CHANNEL);
    }

    @Test
    void shouldProduceNothingForARedeliveredWebhook() {
        byte[] body = MetaFixtures.bytes("webhook-batched.json");
        harness.connect("chan-b", "app-2", "17841407715263948", "b.shop", T0);
        harness.raw.pipeInput(TopologyHarness.ACCOUNT, MetaFixtures.delivery("first", body), T0);
        assertThat(harness.events.readValuesToList()).hasSize(5);
        harness.windows.readValuesToList();
        harness.raw.pipeInput(TopologyHarness.ACCOUNT, MetaFixtures.delivery("second", body), T0.plusSeconds(30));
        assertThat(harness.events.isEmpty()).isTrue();
        assertThat(harness.windows.isEmpty()).isTrue();
        assertThat(harness.counters.duplicatesDropped.get()).isEqualTo(5);
    }

    @Test
    void shouldKeyEventsByIgsidAndKeepEveryFixtureKind() {
        for (String fixture : MetaFixtures.webhookFiles()) {
            harness.raw.pipeInput(TopologyHarness.ACCOUNT, MetaFixtures.fixtureDelivery(fixture), T0);
        }
        List<TestRecord<String, InstagramEvent>> records = harness.events.readRecordsToList();
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getIgsid()));
        assertThat(records).extracting(r -> r.value().getKind()).contains(EventKind.MESSAGE, EventKind.REACTION,
                EventKind.POSTBACK, EventKind.SEEN, EventKind.REFERRAL, EventKind.DELETED, EventKind.UNSUPPORTED);
    }

    @Test
    void shouldSendEventsOfUnknownAccountsAsMetadataOnly() {
        harness.raw.pipeInput("17841407715263948", MetaFixtures.delivery("d", Webhooks.delivery("17841407715263948",
                new ArrayList<>(List.of(Webhooks.message(IGSID, "m-1", T0, "secret text"))))), T0);
        InstagramEvent event = harness.events.readValue();
        assertThat(event.getMetadataOnly()).isTrue();
        assertThat(event.getChannelId()).isNull();
        assertThat(event.getText()).isNull();
        assertThat(harness.counters.unknownAccountEvents.get()).isEqualTo(1);
    }

    @Test
    void shouldEmitACommentOnceKeyedByItsAuthorWithoutOpeningAWindow() {
        harness.raw.pipeInput(TopologyHarness.ACCOUNT, MetaFixtures.resourceDelivery("webhook-comment.json"), T0);
        harness.raw.pipeInput(TopologyHarness.ACCOUNT, MetaFixtures.resourceDelivery("webhook-comment.json"),
                T0.plusSeconds(30));
        List<TestRecord<String, InstagramEvent>> records = harness.events.readRecordsToList();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo(IGSID);
        assertThat(records.get(0).value().getKind()).isEqualTo(EventKind.COMMENT);
        assertThat(records.get(0).value().getChannelId()).isEqualTo(TopologyHarness.CHANNEL);
        assertThat(harness.counters.duplicatesDropped.get()).isEqualTo(1);
        assertThat(harness.windows.isEmpty()).isTrue();
    }

    @Test
    void shouldWithholdACommentOnAnUnknownAccount() {
        byte[] body = new String(MetaFixtures.resource("webhook-comment.json"), StandardCharsets.UTF_8)
                .replace(TopologyHarness.ACCOUNT, "17841407715263948").getBytes(StandardCharsets.UTF_8);
        harness.raw.pipeInput("17841407715263948", MetaFixtures.delivery("d", body), T0);
        InstagramEvent event = harness.events.readValue();
        assertThat(event.getMetadataOnly()).isTrue();
        assertThat(event.getText()).isNull();
        assertThat(event.getComment().getAuthorUsername()).isNull();
    }

    @Test
    void shouldSkipMalformedDeliveriesAndKeepProcessing() {
        harness.raw.pipeInput(TopologyHarness.ACCOUNT, MetaFixtures.delivery("bad",
                "{not json".getBytes(StandardCharsets.UTF_8)), T0);
        deliver("good", List.of(Webhooks.message(IGSID, "m-1", T0, "hi")), T0);
        assertThat(harness.events.readValuesToList()).hasSize(1);
        assertThat(harness.counters.malformedDeliveries.get()).isEqualTo(1);
    }

    @Test
    void shouldTagTheDashboardTestFormWithoutOpeningAWindow() {
        harness.raw.pipeInput("0", MetaFixtures.fixtureDelivery("webhook-dashboard-test-changes.json"), T0);
        assertThat(harness.events.readValue().getTest()).isTrue();
        assertThat(harness.windows.isEmpty()).isTrue();
    }

    @Test
    void shouldOpenAWindowOnAUserMessage() {
        deliver("d", List.of(Webhooks.message(IGSID, "m-1", T0, "hi")), T0);
        TestRecord<String, ConversationWindow> record = harness.windows.readRecord();
        assertThat(record.key()).isEqualTo(IGSID);
        ConversationWindow window = record.value();
        assertThat(window.getState()).isEqualTo(WindowState.OPEN);
        assertThat(window.getChannelId()).isEqualTo(TopologyHarness.CHANNEL);
        assertThat(window.getResponseUntil()).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(window.getHumanAgentUntil()).isEqualTo(T0.plus(Duration.ofDays(7)));
    }

    @Test
    void shouldNotExtendTheWindowOnEchoSeenOrDeletion() {
        deliver("d1", List.of(Webhooks.message(IGSID, "m-1", T0, "hi")), T0);
        harness.windows.readValuesToList();
        deliver("d2", List.of(Webhooks.echo(IGSID, "m-echo", T0.plus(Duration.ofHours(20))),
                Webhooks.seen(IGSID, "m-echo", T0.plus(Duration.ofHours(21)))), T0.plus(Duration.ofHours(21)));
        harness.raw.pipeInput(TopologyHarness.ACCOUNT, MetaFixtures.fixtureDelivery("webhook-message-deleted.json"),
                T0.plus(Duration.ofHours(22)));
        assertThat(harness.windows.isEmpty()).isTrue();
    }

    @Test
    void shouldExtendButNeverMoveBackOnOutOfOrderMessages() {
        deliver("d1", List.of(Webhooks.message(IGSID, "m-2", T0.plus(Duration.ofHours(5)), "later")), T0);
        deliver("d2", List.of(Webhooks.message(IGSID, "m-1", T0, "earlier")), T0);
        List<ConversationWindow> windows = harness.windows.readValuesToList();
        assertThat(windows.get(windows.size() - 1).getResponseUntil()).isEqualTo(T0.plus(Duration.ofHours(29)));
    }

    @Test
    void shouldOpenASevenDayStandardWindowForAClickToDirectAd() {
        deliver("d", List.of(Webhooks.adReferralMessage(IGSID, "m-ad", T0)), T0);
        ConversationWindow window = harness.windows.readValue();
        assertThat(window.getOpenedBy()).isEqualTo(WindowTrigger.AD_REFERRAL);
        assertThat(window.getResponseUntil()).isEqualTo(T0.plus(Duration.ofDays(7)));
    }

    @Test
    void shouldPublishExpiryStepsAndDropTheMarkerAfterTheContactHorizon() {
        deliver("d", List.of(Webhooks.message(IGSID, "m-1", T0, "hi")), T0);
        harness.windows.readValuesToList();
        harness.advance(Duration.ofHours(24).plusSeconds(1));
        assertThat(harness.windows.readValue().getState()).isEqualTo(WindowState.HUMAN_AGENT_ONLY);
        harness.advance(Duration.ofDays(6));
        assertThat(harness.windows.readValue().getState()).isEqualTo(WindowState.CLOSED);
        harness.advance(Duration.ofDays(83));
        TestRecord<String, ConversationWindow> tombstone = harness.windows.readRecord();
        assertThat(tombstone.key()).isEqualTo(IGSID);
        assertThat(tombstone.value()).isNull();
        assertThat(harness.driver.getKeyValueStore("windows").get(IGSID)).isNull();
        assertThat(harness.driver.getKeyValueStore("window-deadlines").approximateNumEntries()).isZero();
    }

    @Test
    void shouldPurgeDedupEntriesAfterTheHorizon() {
        deliver("d", List.of(Webhooks.message(IGSID, "m-1", T0, "hi")), T0);
        assertThat(harness.driver.getKeyValueStore("dedup").approximateNumEntries()).isEqualTo(1);
        harness.advance(Duration.ofDays(7).plusSeconds(1));
        assertThat(harness.driver.getKeyValueStore("dedup").approximateNumEntries()).isZero();
        assertThat(harness.driver.getKeyValueStore("dedup-expiry").approximateNumEntries()).isZero();
    }

    @Test
    void shouldDropARedeliveryUntilTheHorizonAndPurgeWithinTheHourAfterIt() {
        Instant first = T0.plus(Duration.ofMinutes(30));
        deliver("d-1", List.of(Webhooks.message(IGSID, "m-1", first, "hi")), first);
        Instant second = first.plus(Duration.ofDays(3));
        harness.advance(Duration.ofDays(3).plusMinutes(30));
        deliver("d-2", List.of(Webhooks.message(IGSID, "m-2", second, "again")), second);
        assertThat(harness.events.readValuesToList()).hasSize(2);
        var seen = harness.driver.<String, String>getKeyValueStore("dedup");
        var index = harness.driver.<String, String>getKeyValueStore("dedup-expiry");
        assertThat(seen.approximateNumEntries()).isEqualTo(2);
        // one index entry per IGSID and hour in which its entries fall due
        assertThat(index.approximateNumEntries()).isEqualTo(2);

        harness.advance(Duration.ofDays(4).minusMinutes(1));
        deliver("d-1-again", List.of(Webhooks.message(IGSID, "m-1", first, "hi")), first.plus(Duration.ofDays(7)));
        assertThat(harness.events.isEmpty()).isTrue();
        harness.advance(Duration.ofMinutes(2));
        assertThat(seen.get(IGSID + "|" + firstEventId())).as("kept until the hour of its deadline has passed")
                .isNotNull();
        harness.advance(Duration.ofMinutes(30));
        assertThat(seen.get(IGSID + "|" + firstEventId())).isNull();
        assertThat(seen.approximateNumEntries()).as("the later entry stays, filed under its own hour").isEqualTo(1);
        assertThat(index.approximateNumEntries()).isEqualTo(1);
        harness.advance(Duration.ofDays(3));
        assertThat(seen.approximateNumEntries()).isZero();
        assertThat(index.approximateNumEntries()).isZero();
    }

    private static String firstEventId() {
        return EventIds.of(EventKind.MESSAGE, "m-1", IGSID, T0.plus(Duration.ofMinutes(30)).toEpochMilli());
    }

    @Test
    void shouldHonourDedupEntriesFiledBeforeTheCoarseIndex() {
        var seen = harness.driver.<String, String>getKeyValueStore("dedup");
        var index = harness.driver.<String, String>getKeyValueStore("dedup-expiry");
        String legacy = IGSID + "|legacy-event";
        long deadline = T0.plus(Duration.ofDays(1)).toEpochMilli();
        seen.put(legacy, "mid-legacy");
        index.put(String.format("%019d", deadline) + "|" + legacy, legacy);
        deliver("d", List.of(Webhooks.message(IGSID, "m-1", T0, "hi")), T0);
        harness.advance(Duration.ofDays(1).plusSeconds(1));
        assertThat(seen.get(legacy)).isNull();
        assertThat(seen.approximateNumEntries()).isEqualTo(1);
    }

    @Test
    void shouldIgnoreDeliveriesFlaggedMalformedByTheIngress() {
        WebhookDelivery flagged = MetaFixtures.fixtureDelivery("webhook-message-text.json");
        flagged.setMalformed(true);
        harness.raw.pipeInput(TopologyHarness.ACCOUNT, flagged, T0);
        assertThat(harness.events.isEmpty()).isTrue();
    }

    @Test
    void shouldExtendWithoutRefilingAndExpireAtTheExtendedDeadline() {
        deliver("d1", List.of(Webhooks.message(IGSID, "m-1", T0, "hi")), T0);
        deliver("d2", List.of(Webhooks.message(IGSID, "m-2", T0.plus(Duration.ofHours(10)), "hi")), T0);
        deliver("d3", List.of(Webhooks.message(IGSID, "m-3", T0.plus(Duration.ofHours(12)), "hi")), T0);
        assertThat(harness.windows.readValuesToList()).hasSize(3);
        KeyValueStore<String, String> deadlines = harness.driver.getKeyValueStore("window-deadlines");
        assertThat(deadlines.approximateNumEntries()).isEqualTo(1);

        harness.advance(Duration.ofHours(24).plusSeconds(1));
        assertThat(harness.windows.isEmpty()).isTrue();
        assertThat(deadlines.approximateNumEntries()).isEqualTo(1);
        harness.advance(Duration.ofHours(12));
        ConversationWindow window = harness.windows.readValue();
        assertThat(window.getState()).isEqualTo(WindowState.HUMAN_AGENT_ONLY);
        assertThat(window.getResponseUntil()).isEqualTo(T0.plus(Duration.ofHours(36)));
    }
}
