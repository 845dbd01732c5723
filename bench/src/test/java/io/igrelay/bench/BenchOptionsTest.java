package io.igrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void shouldMeasureTenSecondsPerScenarioByDefault() {
        BenchOptions options = BenchOptions.parse(new String[0]);

        assertThat(options.measureFor()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.consumerRecords()).isEqualTo(500_000);
    }

    @Test
    void shouldShortenEverythingForAQuickRunAndLetSecondsOverrideIt() {
        BenchOptions options = BenchOptions.parse(new String[] {"--quick", "--seconds=3"});

        assertThat(options.measureFor()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.consumerRecords()).isEqualTo(100_000);
    }

    @Test
    void shouldRefuseAnUnknownArgumentWithTheUsage() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--fast"}))
                .hasMessageContaining("unknown argument '--fast'").hasMessageContaining("usage: ./igrelay bench");
    }
}
