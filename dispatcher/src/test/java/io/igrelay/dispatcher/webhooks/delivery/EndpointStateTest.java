package io.igrelay.dispatcher.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointStateTest {

    @Test
    void shouldTakeLiveEventsOnlyWhileActiveOrCatchingUp() {
        assertThat(EndpointState.ACTIVE.takesLive()).isTrue();
        assertThat(EndpointState.CATCHING_UP.takesLive()).isTrue();
        assertThat(EndpointState.PARKED.takesLive()).isFalse();
        assertThat(EndpointState.DISABLED.takesLive()).isFalse();
        assertThat(EndpointState.CATCHING_UP.holdsLive()).isTrue();
        assertThat(EndpointState.ACTIVE.holdsLive()).isFalse();
    }

    @Test
    void shouldCatchUpAfterAReEnableAndOnlyFromDisabled() {
        assertThat(EndpointState.DISABLED.reEnabled()).isEqualTo(EndpointState.CATCHING_UP);
        assertThatThrownBy(EndpointState.ACTIVE::reEnabled).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ACTIVE").hasMessageContaining("only from DISABLED");
        assertThatThrownBy(EndpointState.PARKED::reEnabled).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PARKED");
    }

    @Test
    void shouldLetDisablingWinOverEveryOtherState() {
        for (EndpointState state : EndpointState.values()) {
            assertThat(state.disabled()).isEqualTo(EndpointState.DISABLED);
        }
        assertThatThrownBy(EndpointState.DISABLED::parked).as("a disabled webhook holds nothing to park")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("DISABLED");
        assertThat(EndpointState.DISABLED.caughtUp()).isEqualTo(EndpointState.DISABLED);
        assertThat(EndpointState.DISABLED.probeAnswered()).isEqualTo(EndpointState.DISABLED);
    }

    @Test
    void shouldCatchUpWhenAParkedProbeAnswersAndFlowAgainAfterwards() {
        EndpointState state = EndpointState.ACTIVE.parked();
        assertThat(state).isEqualTo(EndpointState.PARKED);
        assertThat(state.caughtUp()).as("an older replay ending changes nothing").isEqualTo(EndpointState.PARKED);
        state = state.probeAnswered();
        assertThat(state).isEqualTo(EndpointState.CATCHING_UP);
        assertThat(state.caughtUp()).isEqualTo(EndpointState.ACTIVE);
        assertThat(EndpointState.ACTIVE.probeAnswered()).isEqualTo(EndpointState.ACTIVE);
    }
}
