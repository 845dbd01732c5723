package io.igrelay.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoakVerdictTest {

    private static final MemoryTrend FLAT = new MemoryTrend("ingress", 5, 30, 100, 101, 2, 100, 101);
    private static final MemoryTrend GROWING = new MemoryTrend("processor", 5, 30, 100, 115, 36, 100, 115);

    private static LatencyWindow window(double from, double p99) {
        return new LatencyWindow(from, from + 10, 600_000, 0, p99 / 4, p99);
    }

    @Test
    void shouldMeetBothTargetsWhenHeapIsFlatAndP99StaysWithinTwentyPercent() {
        var verdict = new SoakVerdict(List.of(FLAT), List.of(),
                List.of(window(0, 200), window(10, 239), window(20, 150)));

        assertThat(verdict.heapMet()).isTrue();
        assertThat(verdict.latencyMet()).isTrue();
        assertThat(verdict.met()).isTrue();
        assertThat(verdict.worstP99Rise()).isCloseTo(0.195, within(1e-9));
    }

    @Test
    void shouldFailALaterWindowMoreThanTwentyPercentSlower() {
        var verdict = new SoakVerdict(List.of(FLAT), List.of(), List.of(window(0, 200), window(10, 250)));

        assertThat(verdict.latencyMet()).isFalse();
        assertThat(verdict.met()).isFalse();
        assertThat(verdict.describe()).contains("NOT met", "+25 %");
    }

    @Test
    void shouldFailAServiceWhoseHeapGrewMoreThanTenPercentOrCouldNotBeJudged() {
        List<LatencyWindow> fine = List.of(window(0, 200), window(10, 200));

        assertThat(new SoakVerdict(List.of(FLAT, GROWING), List.of(), fine).heapMet()).isFalse();
        assertThat(new SoakVerdict(List.of(FLAT), List.of("dispatcher"), fine).heapMet()).isFalse();
        assertThat(new SoakVerdict(List.of(), List.of(), fine).heapMet()).isFalse();
    }

    @Test
    void shouldFailAWindowThatLostWebhooks() {
        var lossy = new LatencyWindow(10, 20, 600_000, 7_000, 50, Double.POSITIVE_INFINITY);

        assertThat(new SoakVerdict(List.of(FLAT), List.of(), List.of(window(0, 200), lossy)).latencyMet()).isFalse();
        assertThat(new SoakVerdict(List.of(FLAT), List.of(), List.of(lossy, window(10, 200))).latencyMet()).isFalse();
    }

    @Test
    void shouldCountMissingEventsAsSlowerThanEveryDeliveredOne() {
        long[] sent = new long[200];
        long[] arrived = new long[200];
        for (int i = 0; i < 200; i++) {
            arrived[i] = i < 198 ? (i + 1) * 1_000_000L : 0; // 1..198 ms; the last two never arrived
        }

        LatencyWindow w = LatencyWindow.of(0, 1, 0, 200, i -> sent[i], i -> arrived[i]);

        assertThat(w.missing()).isEqualTo(2);
        assertThat(w.p50Ms()).isEqualTo(100);
        assertThat(w.p99Ms()).isEqualTo(198); // rank 198 of 200: the last delivered one
        LatencyWindow worse = LatencyWindow.of(0, 1, 0, 198, i -> sent[i], i -> i < 195 ? arrived[i] : 0);
        assertThat(worse.p99Ms()).isInfinite();
    }

    @Test
    void shouldScaleTheWindowsOfARunShorterThanThirtyMinutes() {
        SoakWindows eight = SoakWindows.of(Duration.ofMinutes(8));
        SoakWindows twoHours = SoakWindows.of(Duration.ofHours(2));

        assertThat(eight.heapFromMinute()).isCloseTo(1.333, within(0.001));
        assertThat(eight.latencyWindow()).isEqualTo(Duration.ofMillis(160_000));
        assertThat(eight.describe()).contains("scaled by 0.27");
        assertThat(twoHours.heapFromMinute()).isEqualTo(5);
        assertThat(twoHours.latencyWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(twoHours.scaled()).isFalse();
    }
}
