package io.igrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void shouldMeasureTenSecondsPerRowAndThreePairsByDefault() {
        BenchOptions options = BenchOptions.parse(new String[0]);

        assertThat(options.measureFor()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.runs()).isEqualTo(3);
        assertThat(options.quick()).isFalse();
        assertThat(options.updateReadme()).isFalse();
    }

    @Test
    void shouldShortenEverythingForAQuickRunAndLetSecondsOverrideIt() {
        BenchOptions options = BenchOptions.parse(new String[] {"--quick", "--seconds=3"});

        assertThat(options.measureFor()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.runs()).isEqualTo(1);
        assertThat(options.environment("b:9092", 0).smoke()).isTrue();
    }

    @Test
    void shouldTakeTheNumberOfPairsAndTheReadmeFlag() {
        BenchOptions options = BenchOptions.parse(new String[] {"--runs=5", "--readme"});

        assertThat(options.runs()).isEqualTo(5);
        assertThat(options.updateReadme()).isTrue();
    }

    @Test
    void shouldRefuseToPutAQuickRunIntoTheReadme() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--quick", "--readme"}))
                .hasMessageContaining("--readme takes the table of a full run");
    }

    @Test
    void shouldRefuseAnUnknownArgumentWithTheUsage() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--fast"}))
                .hasMessageContaining("unknown argument '--fast'").hasMessageContaining("usage: ./igrelay bench");
    }

    @Test
    void shouldRefuseANumberThatIsNotOne() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--runs=x"}))
                .hasMessageContaining("'x' is not a number");
    }

    @Test
    void shouldSoakThirtyMinutesByDefaultOrAsLongAsToldInSecondsMinutesOrHours() {
        assertThat(BenchOptions.parse(new String[0]).soak()).isEmpty();
        assertThat(BenchOptions.parse(new String[] {"--soak"}).soak()).contains(Duration.ofMinutes(30));
        assertThat(BenchOptions.parse(new String[] {"--soak=8m"}).soak()).contains(Duration.ofMinutes(8));
        assertThat(BenchOptions.parse(new String[] {"--soak=2h"}).soak()).contains(Duration.ofHours(2));
        assertThat(BenchOptions.parse(new String[] {"--soak=90s"}).soak()).contains(Duration.ofSeconds(90));
        assertThat(BenchOptions.parse(new String[] {"--soak=45"}).soak()).contains(Duration.ofMinutes(45));
    }

    @Test
    void shouldRefuseASoakShorterThanAMinuteOrNotADurationOrWithQuick() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--soak=30s"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1m");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--soak=half an hour"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--soak", "--quick"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--soak runs alone");
    }
}
