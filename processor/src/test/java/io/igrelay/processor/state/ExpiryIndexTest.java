package io.igrelay.processor.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ExpiryIndexTest {

    @Test
    void padMatchesTheFormattedNineteenDigitForm() {
        Random random = new Random(42);
        long[] edges = {0, 1, 9, 10, 1_700_000_000_000L, 999_999_999_999_999_999L, Long.MAX_VALUE, -1, -42};
        for (long millis : edges) {
            assertThat(ExpiryIndex.pad(millis)).isEqualTo(String.format("%019d", millis));
        }
        for (int i = 0; i < 10_000; i++) {
            long millis = random.nextLong() >>> random.nextInt(64);
            assertThat(ExpiryIndex.pad(millis)).isEqualTo(String.format("%019d", millis));
        }
    }

    @Test
    void paddedKeysSortInDeadlineOrder() {
        assertThat(ExpiryIndex.key(999, "b")).isLessThan(ExpiryIndex.key(1_000, "a"));
        assertThat(ExpiryIndex.key(1_700_000_000_000L, "x")).hasSize(19 + 2);
    }
}
