package io.igrelay.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryTrendTest {

    private static final long MIB = 1 << 20;

    private static List<MemorySample> heap(String service, double... mib) {
        List<MemorySample> samples = new ArrayList<>();
        for (int minute = 0; minute < mib.length; minute++) {
            samples.add(new MemorySample(minute, service, (long) (mib[minute] * MIB), 300 * MIB));
        }
        return samples;
    }

    @Test
    void shouldFitALineFromTheGivenMinuteOnAndJudgeItsGrowth() {
        // the start-up minutes (0–4) climb steeply; from minute 5 the heap grows 1 MiB a minute from 100 MiB
        List<MemorySample> samples = heap("ingress", 20, 40, 60, 80, 95, 100, 101, 102, 103, 104, 105);

        MemoryTrend trend = MemoryTrend.of("ingress", samples, 5).orElseThrow();

        assertThat(trend.fromMinute()).isEqualTo(5);
        assertThat(trend.toMinute()).isEqualTo(10);
        assertThat(trend.slopeMibPerHour()).isCloseTo(60, within(1e-9));
        assertThat(trend.growth()).isCloseTo(0.05, within(1e-9));
        assertThat(trend.within(0.10)).isTrue();
    }

    @Test
    void shouldFailAHeapThatGrowsMoreThanTheLimit() {
        List<MemorySample> samples = heap("dispatcher", 50, 50, 50, 50, 50, 100, 104, 108, 112, 116, 120);

        MemoryTrend trend = MemoryTrend.of("dispatcher", samples, 5).orElseThrow();

        assertThat(trend.growth()).isCloseTo(0.20, within(1e-9));
        assertThat(trend.within(0.10)).isFalse();
    }

    @Test
    void shouldNotHangOnOneReadingThatCaughtABatchInFlight() {
        // flat at 100 MiB but the last full GC happened with 30 MiB of a batch still referenced
        List<MemorySample> samples = heap("processor", 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100,
                100, 100, 100, 100, 100, 100, 100, 100, 130);

        MemoryTrend trend = MemoryTrend.of("processor", samples, 5).orElseThrow();

        assertThat(trend.lastMib() / trend.firstMib() - 1).isCloseTo(0.30, within(1e-9));
        assertThat(trend.growth()).isLessThan(0.10);
    }

    @Test
    void shouldJudgeOnlyTheServiceAskedForAndSkipUnreadableSamples() {
        List<MemorySample> samples = new ArrayList<>(heap("ingress", 10, 10, 10));
        samples.addAll(heap("processor", 10, 50, 90));
        samples.add(new MemorySample(3, "ingress", -1, -1));

        MemoryTrend trend = MemoryTrend.of("ingress", samples, 0).orElseThrow();

        assertThat(trend.growth()).isZero();
        assertThat(trend.toMinute()).isEqualTo(2);
    }

    @Test
    void shouldNotJudgeWithFewerThanTwoReadings() {
        assertThat(MemoryTrend.of("ingress", heap("ingress", 10, 10, 10), 2)).isEmpty();
        assertThat(MemoryTrend.of("dispatcher", heap("ingress", 10, 10, 10), 0)).isEmpty();
    }
}
