package io.igrelay.ingress.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.ingress.api.ProcessorClient.WindowLookup;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The API's fast window decision; the processor's gate stays authoritative. */
class WindowGateTest {

    private static Optional<ErrorCode> decide(WindowLookup lookup, boolean senderAction, boolean human,
                                              boolean allowed) {
        return WindowGate.refusal(lookup, "ch-1", "42", senderAction, human, allowed).map(ApiError::code);
    }

    private static WindowLookup window(String state) {
        return new WindowLookup.Found(Optional.of("ch-1"), state);
    }

    @Test
    void shouldLetEverythingThroughAnOpenWindow() {
        assertThat(decide(window("OPEN"), true, false, false)).isEmpty();
    }

    @Test
    void shouldAnswerNoConversationForNeverContactedOrAnotherChannel() {
        assertThat(decide(new WindowLookup.NeverContacted(), false, false, false)).contains(ErrorCode.NO_CONVERSATION);
        assertThat(decide(new WindowLookup.Found(Optional.of("ch-2"), "OPEN"), false, false, false))
                .contains(ErrorCode.NO_CONVERSATION);
    }

    @Test
    void shouldAllowOnlyPermittedHumanRepliesPast24Hours() {
        assertThat(decide(window("HUMAN_AGENT_ONLY"), false, true, true)).isEmpty();
        assertThat(decide(window("HUMAN_AGENT_ONLY"), false, false, true)).contains(ErrorCode.WINDOW_CLOSED);
        assertThat(decide(window("HUMAN_AGENT_ONLY"), false, true, false)).contains(ErrorCode.WINDOW_CLOSED);
        assertThat(decide(window("HUMAN_AGENT_ONLY"), true, true, true)).contains(ErrorCode.WINDOW_CLOSED);
    }

    @Test
    void shouldRefuseAClosedWindow() {
        assertThat(decide(window("CLOSED"), false, true, true)).contains(ErrorCode.WINDOW_CLOSED);
    }

    @Test
    void shouldEnqueueWhenTheProcessorCannotBeAsked() {
        assertThat(decide(new WindowLookup.Unavailable("timeout"), true, false, false)).isEmpty();
    }
}
