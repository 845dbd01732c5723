package io.igrelay.bench.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** What the dispatcher row checks as calls arrive at the sandbox: strictly increasing, one open call, none missing. */
class OrderCheckTest {

    private final OrderCheck check = new OrderCheck("bench");

    @Test
    void shouldAcceptInterleavedConversationsEachInOrderOneCallAtATime() {
        for (int n = 0; n < 3; n++) {
            call("a", n);
            call("b", n);
        }

        var outcome = check.outcome(2, 3);

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.arrivals()).isEqualTo(6);
    }

    @Test
    void shouldCountAStepBackEvenWhenEveryNumberArrivesOnce() {
        call("a", 0);
        call("a", 2);
        call("a", 1);

        assertThat(check.outcome(1, 3).notIncreasing()).isEqualTo(1);
        assertThat(check.outcome(1, 3).missing()).isZero();
    }

    @Test
    void shouldCountARepeatAsNotStrictlyIncreasing() {
        call("a", 3);
        call("a", 4);
        call("a", 3);

        assertThat(check.outcome(1, 5).notIncreasing()).isEqualTo(1);
    }

    @Test
    void shouldCountACallArrivingWhileAnotherOfItsConversationIsOpen() {
        check.arrived("acct", body("a", 0));
        check.arrived("acct", body("a", 1));
        check.answered("acct", body("a", 0));
        check.answered("acct", body("a", 1));
        check.arrived("acct", body("b", 0));

        assertThat(check.outcome(2, 2).overlapping()).isEqualTo(1);
    }

    @Test
    void shouldCountMissingMessagesAndIgnoreOtherTexts() {
        call("a", 0);
        check.arrived("acct", text("a", "warm-up 7"));

        var outcome = check.outcome(2, 2);

        assertThat(outcome.missing()).isEqualTo(3);
        assertThat(outcome.arrivals()).isEqualTo(1);
        assertThat(outcome.ok()).isFalse();
    }

    private void call(String recipient, int n) {
        check.arrived("acct", body(recipient, n));
        check.answered("acct", body(recipient, n));
    }

    private static JsonNode body(String recipient, int n) {
        return text(recipient, "bench " + n);
    }

    private static JsonNode text(String recipient, String text) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("recipient").put("id", recipient);
        body.putObject("message").put("text", text);
        return body;
    }
}
