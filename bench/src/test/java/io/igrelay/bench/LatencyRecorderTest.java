package io.igrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void shouldReportNearestRankPercentilesInMilliseconds() {
        var recorder = new LatencyRecorder();
        for (int ms = 1000; ms >= 1; ms--) {
            recorder.record(ms * 1_000_000L);
        }

        LatencySummary summary = recorder.summary();

        assertThat(summary.samples()).isEqualTo(1000);
        assertThat(summary.p50Ms()).isEqualTo(500.0);
        assertThat(summary.p99Ms()).isEqualTo(990.0);
        assertThat(summary.p999Ms()).isEqualTo(999.0);
        assertThat(summary.maxMs()).isEqualTo(1000.0);
    }

    @Test
    void shouldGrowPastItsInitialCapacity() {
        var recorder = new LatencyRecorder();
        for (int i = 0; i < 200_000; i++) {
            recorder.record(2_000_000L);
        }

        assertThat(recorder.count()).isEqualTo(200_000);
        assertThat(recorder.summary().p99Ms()).isEqualTo(2.0);
    }

    @Test
    void shouldSummariseNothingAsZero() {
        assertThat(new LatencyRecorder().summary().p50Ms()).isZero();
    }
}
