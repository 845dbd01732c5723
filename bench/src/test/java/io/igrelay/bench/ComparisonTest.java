package io.igrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A row against its reference over alternating runs: pair by pair, then the median and the range. */
class ComparisonTest {

    @Test
    void shouldTakeTheMedianOfThePairsRatiosNotTheRatioOfTheMedians() {
        var comparison = new Comparison(List.of(40.0, 60.0, 55.0), List.of(100.0, 100.0, 50.0));

        assertThat(comparison.ratios()).containsExactly(0.4, 0.6, 1.1);
        assertThat(comparison.medianRatio()).isEqualTo(0.6);
        assertThat(comparison.minRatio()).isEqualTo(0.4);
        assertThat(comparison.maxRatio()).isEqualTo(1.1);
        assertThat(comparison.medianRowRate()).isEqualTo(55.0);
    }

    @Test
    void shouldAverageTheMiddleTwoOfAnEvenCount() {
        assertThat(Comparison.median(List.of(1.0, 4.0, 2.0, 3.0))).isEqualTo(2.5);
    }

    @Test
    void shouldRefuseRunsWithoutTheirReference() {
        assertThatThrownBy(() -> new Comparison(List.of(1.0, 2.0), List.of(1.0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
