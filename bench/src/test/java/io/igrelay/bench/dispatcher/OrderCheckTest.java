package io.igrelay.bench.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The order check the dispatcher row relies on: what counts as out of order, duplicated and missing. */
class OrderCheckTest {

    @Test
    void shouldAcceptInterleavedConversationsEachInOrder() {
        var check = new OrderCheck("bench");
        for (int n = 0; n < 3; n++) {
            check.observe("a", "bench " + n);
            check.observe("b", "bench " + n);
        }

        var outcome = check.outcome(2, 3);

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.checked()).isEqualTo(6);
    }

    @Test
    void shouldCountAMessageThatArrivedAfterALaterOneAsOutOfOrder() {
        var check = new OrderCheck("bench");
        check.observe("a", "bench 0");
        check.observe("a", "bench 2");
        check.observe("a", "bench 1");

        var outcome = check.outcome(1, 3);

        assertThat(outcome.outOfOrder()).isEqualTo(1);
        assertThat(outcome.missing()).isZero();
        assertThat(outcome.ok()).isFalse();
    }

    @Test
    void shouldCountDuplicatesAndMissingMessages() {
        var check = new OrderCheck("bench");
        check.observe("a", "bench 0");
        check.observe("a", "bench 0");
        check.observe("b", "bench 0");

        var outcome = check.outcome(2, 2);

        assertThat(outcome.duplicates()).isEqualTo(1);
        assertThat(outcome.missing()).isEqualTo(2);
        assertThat(outcome.outOfOrder()).isZero();
    }

    @Test
    void shouldIgnoreWarmUpAndOtherTexts() {
        var check = new OrderCheck("bench");
        check.observe("a", "warm-up 0");
        check.observe("a", null);
        check.observe("a", "bench x");
        check.observe("a", "bench 0");

        assertThat(check.outcome(1, 1).ok()).isTrue();
        assertThat(check.outcome(1, 1).checked()).isEqualTo(1);
    }

    @Test
    void shouldSizeTheRunInWholeRoundsOverTheConversations() {
        assertThat(DispatcherSendScenario.commands(java.time.Duration.ofSeconds(10))).isEqualTo(40_000);
        assertThat(DispatcherSendScenario.commands(java.time.Duration.ofSeconds(60))).isEqualTo(40_000);
        assertThat(DispatcherSendScenario.commands(java.time.Duration.ofSeconds(2))).isEqualTo(8_000);
        assertThat(DispatcherSendScenario.commands(java.time.Duration.ofSeconds(1)) % Conversations.CONVERSATIONS)
                .isZero();
    }
}
