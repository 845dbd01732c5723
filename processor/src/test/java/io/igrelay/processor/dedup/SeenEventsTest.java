package io.igrelay.processor.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenEventsTest {

    private static final long HOUR = 3_600_000L;

    @Test
    void hourEndRoundsUpToTheNextFullHourAndKeepsAnExactOne() {
        long onTheHour = 1_790_000 * HOUR;
        assertThat(SeenEvents.hourEnd(onTheHour)).isEqualTo(onTheHour);
        assertThat(SeenEvents.hourEnd(onTheHour + 1)).isEqualTo(onTheHour + HOUR);
        assertThat(SeenEvents.hourEnd(onTheHour - 1)).isEqualTo(onTheHour);
        assertThat(SeenEvents.hourEnd(0)).isZero();
    }

    @Test
    void valuesCarryTheDeadlineBeforeTheMid() {
        assertThat(SeenEvents.deadlineOf("1790000000000|aWdfZAG1")).isEqualTo(1_790_000_000_000L);
        assertThat(SeenEvents.midOf("1790000000000|aWdfZAG1")).isEqualTo("aWdfZAG1");
        assertThat(SeenEvents.midOf("1790000000000|")).isEmpty();
    }

    @Test
    void valuesWrittenBeforeDeadlinesWereKeptAreBareMids() {
        assertThat(SeenEvents.deadlineOf("aWdfZAG1")).isEqualTo(Long.MAX_VALUE);
        assertThat(SeenEvents.midOf("aWdfZAG1")).isEqualTo("aWdfZAG1");
        assertThat(SeenEvents.deadlineOf("")).isEqualTo(Long.MAX_VALUE);
        assertThat(SeenEvents.midOf("")).isEmpty();
        assertThat(SeenEvents.deadlineOf("12a|x")).isEqualTo(Long.MAX_VALUE);
        assertThat(SeenEvents.deadlineOf("99999999999999999999|x")).isEqualTo(Long.MAX_VALUE);
    }
}
