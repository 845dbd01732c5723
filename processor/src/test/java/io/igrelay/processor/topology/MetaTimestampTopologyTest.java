package io.igrelay.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.ConversationWindow;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.processor.testing.MetaFixtures;
import io.igrelay.processor.testing.TopologyHarness;
import io.igrelay.processor.testing.Webhooks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A signed webhook whose Meta timestamp is absurd (hours in the future, negative, Long.MAX_VALUE) flows through:
 * the event keeps the value and is flagged, every record the processor writes carries a trusted timestamp (the raw
 * record's), the window opens from the receive time instead of the far future, and later webhooks are processed.
 */
class MetaTimestampTopologyTest {

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

    /** A delivery received at {@code receivedAt} (also the raw record's timestamp) with Meta's {@code metaMillis}. */
    private void deliver(String mid, long metaMillis, Instant receivedAt) {
        String item = Webhooks.message(IGSID, mid, T0, "hi")
                .replace("\"timestamp\":" + T0.toEpochMilli(), "\"timestamp\":" + metaMillis);
        harness.raw.pipeInput(TopologyHarness.ACCOUNT, MetaFixtures.delivery("d-" + mid,
                Webhooks.delivery(List.of(item)), receivedAt), receivedAt);
    }

    @ParameterizedTest(name = "Meta timestamp {0}")
    @ValueSource(longs = {Long.MAX_VALUE, -1L, 0L, -9_000_000_000_000L})
    void shouldKeepAnAbsurdTimestampFlaggedAndWriteTheRecordAtTheIngestTime(long metaMillis) {
        deliver("m-absurd", metaMillis, T0);
        TestRecord<String, InstagramEvent> event = harness.events.readRecord();
        assertThat(event.value().getTimestamp()).isEqualTo(Instant.ofEpochMilli(metaMillis));
        assertThat(event.value().getTimestampOutOfRange()).isTrue();
        assertThat(event.getRecordTime()).isEqualTo(T0);
        assertThat(harness.counters.timestampsOutOfRange.get()).isEqualTo(1);
    }

    @Test
    void shouldFlagATimestampTwoHoursAheadOfTheReceiveTime() {
        deliver("m-future", T0.plus(Duration.ofHours(2)).toEpochMilli(), T0);
        TestRecord<String, InstagramEvent> event = harness.events.readRecord();
        assertThat(event.value().getTimestampOutOfRange()).isTrue();
        assertThat(event.getRecordTime()).isEqualTo(T0);
    }

    @Test
    void shouldTrustATimestampWithinTheBoundsAndStillWriteTheIngestTime() {
        deliver("m-skewed", T0.plus(Duration.ofMinutes(59)).toEpochMilli(), T0);
        deliver("m-late", T0.minus(Duration.ofDays(6)).toEpochMilli(), T0);
        List<TestRecord<String, InstagramEvent>> events = harness.events.readRecordsToList();
        assertThat(events).extracting(r -> r.value().getTimestampOutOfRange()).containsExactly(false, false);
        assertThat(events).extracting(TestRecord::getRecordTime).containsOnly(T0);
        assertThat(harness.counters.timestampsOutOfRange.get()).isZero();
    }

    @Test
    void shouldOpenTheWindowFromTheReceiveTimeWhenMetaSaysLongMaxValue() {
        deliver("m-max", Long.MAX_VALUE, T0);
        TestRecord<String, ConversationWindow> window = harness.windows.readRecord();
        assertThat(window.value().getLastUserActionAt()).isEqualTo(T0);
        assertThat(window.value().getResponseUntil()).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(window.getRecordTime()).isEqualTo(T0);
    }

    @Test
    void shouldNotOpenAWindowIntoTheFarFutureForATimestampADayAhead() {
        deliver("m-tomorrow", T0.plus(Duration.ofDays(1)).toEpochMilli(), T0);
        assertThat(harness.windows.readValue().getResponseUntil()).isEqualTo(T0.plus(Duration.ofHours(24)));
    }

    @Test
    void shouldProcessLaterWebhooksAfterOneWithLongMaxValue() {
        deliver("m-max", Long.MAX_VALUE, T0);
        deliver("m-negative", -5L, T0.plusSeconds(1));
        deliver("m-normal", T0.plusSeconds(2).toEpochMilli(), T0.plusSeconds(2));
        assertThat(harness.events.readValuesToList()).extracting(InstagramEvent::getMid)
                .containsExactly("m-max", "m-negative", "m-normal");
        assertThat(harness.windows.readValuesToList()).last()
                .satisfies(w -> assertThat(w.getLastUserActionAt()).isEqualTo(T0.plusSeconds(2)));
    }

    @Test
    void shouldKeepTheDedupEntryOfAnAbsurdTimestampForTheHorizonFromTheReceiveTime() {
        deliver("m-max", Long.MAX_VALUE, T0);
        harness.events.readValuesToList();
        harness.advance(Duration.ofDays(6));
        deliver("m-max", Long.MAX_VALUE, T0.plus(Duration.ofDays(6)));
        assertThat(harness.events.isEmpty()).as("a redelivery within the horizon is still dropped").isTrue();
        harness.advance(Duration.ofDays(1).plusHours(2));
        assertThat(harness.driver.getKeyValueStore("dedup").approximateNumEntries()).isZero();
    }
}
