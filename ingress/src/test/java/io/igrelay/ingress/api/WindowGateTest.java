package io.igrelay.ingress.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.ingress.api.ProcessorClient.Refusal;
import io.igrelay.ingress.api.ProcessorClient.WindowLookup;
import io.igrelay.schemas.contract.HubErrorCode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The API maps the processor's verdict to an HTTP answer; the processor's gate stays authoritative. */
class WindowGateTest {

    private static Optional<ApiError> decide(WindowLookup lookup) {
        return WindowGate.refusal(lookup, "ch-1", "42");
    }

    @Test
    void shouldLetThroughWhatTheProcessorAllows() {
        assertThat(decide(new WindowLookup.Found(Optional.of("ch-1"), "HUMAN_AGENT_ONLY", Optional.empty())))
                .isEmpty();
    }

    @Test
    void shouldAnswerNoConversationForNeverContactedOrAnotherChannel() {
        assertThat(decide(new WindowLookup.NeverContacted())).map(ApiError::code)
                .contains(HubErrorCode.NO_CONVERSATION);
        assertThat(decide(new WindowLookup.Found(Optional.of("ch-2"), "OPEN", Optional.empty())))
                .map(ApiError::code).contains(HubErrorCode.NO_CONVERSATION);
    }

    @Test
    void shouldRefuseWithTheGatesCodeAndReason() {
        Optional<ApiError> refused = decide(new WindowLookup.Found(Optional.of("ch-1"), "HUMAN_AGENT_ONLY",
                Optional.of(new Refusal("WINDOW_CLOSED", "the 24-hour window is closed (human agent disabled)"))));
        assertThat(refused).map(ApiError::status).contains(422);
        assertThat(refused).map(ApiError::code).contains(HubErrorCode.WINDOW_CLOSED);
        assertThat(refused.orElseThrow().getMessage()).contains("human agent disabled");
    }

    @Test
    void shouldEnqueueWhenTheProcessorCannotBeAsked() {
        assertThat(decide(new WindowLookup.Unavailable("timeout"))).isEmpty();
    }
}
