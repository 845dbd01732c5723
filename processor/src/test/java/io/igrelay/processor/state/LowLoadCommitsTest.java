package io.igrelay.processor.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LowLoadCommitsTest {

    private final AtomicLong now = new AtomicLong(10_000);
    private final LowLoadCommits commits = new LowLoadCommits(3, Duration.ofSeconds(1), now::get);

    @Test
    void commitsEarlyOnlyAfterALightLivePeriod() {
        assertThat(commits.shouldCommit()).as("nothing forwarded").isFalse();
        commits.forwarded(9_990);
        commits.forwarded(9_995);
        assertThat(commits.shouldCommit()).as("two fresh records, below the threshold").isTrue();
        assertThat(commits.shouldCommit()).as("the count starts again each period").isFalse();
    }

    @Test
    void leavesABusyPeriodToTheCommitInterval() {
        for (int i = 0; i < 3; i++) {
            commits.forwarded(9_990);
        }
        assertThat(commits.shouldCommit()).isFalse();
    }

    @Test
    void leavesABacklogToTheCommitIntervalEvenAtALowRate() {
        commits.forwarded(9_990);
        commits.forwarded(8_999);
        assertThat(commits.shouldCommit()).as("one record received over a second ago: behind").isFalse();
        commits.forwarded(9_999);
        assertThat(commits.shouldCommit()).as("caught up again in the next period").isTrue();
    }

    @Test
    void asksAtMostOneEarlyCommitPerGapOfAStreamThreadWhateverItsTasks() {
        var pace = new LowLoadCommits.ThreadPace(Duration.ofMillis(50));

        assertThat(pace.allows(1_000)).as("the first").isTrue();
        assertThat(pace.allows(1_020)).as("another task of the thread, 20 ms later").isFalse();
        assertThat(pace.allows(1_049)).isFalse();
        assertThat(pace.allows(1_050)).as("a gap later").isTrue();
        assertThat(pace.allows(1_060)).isFalse();
    }
}
