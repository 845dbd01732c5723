package io.igrelay.processor.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Where "absurd" begins for a Meta timestamp, and how an absurd one is still read as data. */
class MetaTimeRangeTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-01T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldTrustUpToOneHourAheadOfTheReceiveTime() {
        assertThat(MetaTimeRange.outOfRange(RECEIVED.plus(Duration.ofHours(1)), RECEIVED)).isFalse();
        assertThat(MetaTimeRange.outOfRange(RECEIVED.plus(Duration.ofHours(1)).plusMillis(1), RECEIVED)).isTrue();
    }

    @Test
    void shouldTrustUpToSevenDaysBeforeTheReceiveTime() {
        assertThat(MetaTimeRange.outOfRange(RECEIVED.minus(Duration.ofDays(7)), RECEIVED)).isFalse();
        assertThat(MetaTimeRange.outOfRange(RECEIVED.minus(Duration.ofDays(7)).minusMillis(1), RECEIVED)).isTrue();
    }

    @Test
    void shouldReadZeroNegativeAndLongMaxAsMillisecondsInsteadOfDroppingTheItem() throws Exception {
        assertThat(MetaTime.parse(JSON.readTree("0"))).contains(Instant.EPOCH);
        assertThat(MetaTime.parse(JSON.readTree("-5"))).contains(Instant.ofEpochMilli(-5));
        assertThat(MetaTime.parse(JSON.readTree("\"-5\""))).contains(Instant.ofEpochMilli(-5));
        assertThat(MetaTime.parse(JSON.readTree("9223372036854775807"))).contains(Instant.ofEpochMilli(Long.MAX_VALUE));
    }

    @Test
    void shouldClampANumberBeyondALongInsteadOfWrappingIt() throws Exception {
        assertThat(MetaTime.parse(JSON.readTree("99999999999999999999999"))).contains(Instant.ofEpochMilli(Long.MAX_VALUE));
        assertThat(MetaTime.parse(JSON.readTree("-99999999999999999999999"))).contains(Instant.ofEpochMilli(Long.MIN_VALUE));
    }

    @Test
    void shouldStillReadDashboardSecondsAndDeliveryMilliseconds() throws Exception {
        assertThat(MetaTime.parse(JSON.readTree("\"1763901414\""))).contains(Instant.ofEpochSecond(1763901414));
        assertThat(MetaTime.parse(JSON.readTree("1763901414567"))).contains(Instant.ofEpochMilli(1763901414567L));
    }

    @Test
    void shouldFindNoTimestampInText() throws Exception {
        assertThat(MetaTime.parse(JSON.readTree("\"yesterday\""))).isEmpty();
    }
}
