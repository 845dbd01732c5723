package io.igrelay.dispatcher.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.igrelay.dispatcher.webhooks.envelope.QueuedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/* Endpoint's fields move only through its named moves; a move its state does not allow is refused. */
class EndpointTest {

    private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");

    private final Endpoint endpoint = new Endpoint("wh");
    private final List<String> released = new ArrayList<>();

    private static Pending pending(String igsid, String messageId, int minute) {
        QueuedEvent event = new QueuedEvent("e-" + messageId, "Message", "app", "ch", igsid, messageId, null,
                T0.plusSeconds(60L * minute), "{}");
        return new Pending(event, 0, minute, true, true);
    }

    private void release(Pending pending) {
        released.add(pending.event.messageId());
    }

    /** Sends the next ready lane's head and lets it fail (to be retried later); returns the lane. */
    private Endpoint.Lane sendAndFail() {
        Endpoint.Lane lane = endpoint.nextToSend(8).orElseThrow();
        endpoint.sending(lane);
        endpoint.returned(lane);
        endpoint.failed(false);
        endpoint.retrying(lane, Optional.empty());
        return lane;
    }

    @Test
    void shouldParkAFailingEndpointAndCatchUpFromTheOldestEventLetGoWhenItsProbeAnswers() {
        endpoint.add(pending("a", "m1", 10));
        Endpoint.Lane probeLane = sendAndFail();
        endpoint.add(pending("a", "m2", 11));
        endpoint.add(pending("b", "m3", 5));
        assertThat(endpoint.overflowing(2)).isTrue();

        Pending probe = endpoint.park(this::release);

        assertThat(probe.event.messageId()).isEqualTo("m1");
        assertThat(endpoint.state()).isEqualTo(EndpointState.PARKED);
        assertThat(released).containsExactlyInAnyOrder("m2", "m3");
        assertThat(endpoint.overflowing(0)).as("parking let go of the failing lane").isFalse();

        assertThat(endpoint.retryDue(probe, probeLane)).as("the probe's lane is ready again").isTrue();
        Endpoint.Lane lane = endpoint.nextToSend(8).orElseThrow();
        endpoint.sending(lane);
        endpoint.returned(lane);
        assertThat(endpoint.answered(lane)).contains(T0.plusSeconds(60 * 5 - 60));
        assertThat(endpoint.state()).isEqualTo(EndpointState.CATCHING_UP);
    }

    @Test
    void shouldHoldLiveEventsWhileCatchingUpAndHandThemOverOnceItCaughtUp() {
        endpoint.disable(T0, this::release);
        assertThat(endpoint.reEnable()).isEqualTo(T0);
        assertThat(endpoint.state()).isEqualTo(EndpointState.CATCHING_UP);

        assertThat(endpoint.hold(pending("a", "m1", 1))).isTrue();
        List<Pending> held = endpoint.caughtUp();

        assertThat(held).extracting(p -> p.event.messageId()).containsExactly("m1");
        assertThat(endpoint.state()).isEqualTo(EndpointState.ACTIVE);
        assertThat(endpoint.hold(pending("a", "m2", 2))).as("live events flow again").isFalse();
    }

    @Test
    void shouldDisableFromAnyStateLettingGoOfEverythingAndCatchUpFromTheOldest() {
        endpoint.add(pending("a", "m1", 10));
        endpoint.disable(T0.plusSeconds(3600), this::release);
        endpoint.disable(T0.plusSeconds(7200), this::release);

        assertThat(released).containsExactly("m1");
        assertThat(endpoint.disabled()).isTrue();
        assertThat(endpoint.nextToSend(8)).isEmpty();
        assertThat(endpoint.reEnable()).as("a minute before the oldest event let go")
                .isEqualTo(T0.plusSeconds(60 * 10 - 60));
    }

    @Test
    void shouldSendOneRequestAtATimeWhileTimingOutAndPauseOnRetryAfter() {
        endpoint.add(pending("a", "m1", 1));
        Endpoint.Lane lane = endpoint.nextToSend(8).orElseThrow();
        endpoint.sending(lane);
        endpoint.returned(lane);
        endpoint.failed(true);
        endpoint.retrying(lane, Optional.of(T0.plusSeconds(30)));
        endpoint.add(pending("b", "m2", 2));
        endpoint.add(pending("c", "m3", 3));

        assertThat(endpoint.paused(T0)).isTrue();
        assertThat(endpoint.paused(T0.plusSeconds(30))).isFalse();
        endpoint.sending(endpoint.nextToSend(8).orElseThrow());
        assertThat(endpoint.nextToSend(8)).as("one request at a time while timing out").isEmpty();
    }

    @Test
    void shouldRefuseToReEnableAWebhookThatIsNotDisabled() {
        assertThatThrownBy(endpoint::reEnable).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ACTIVE").hasMessageContaining("DISABLED");
    }

    @Test
    void shouldRefuseToSendOrParkWhileDisabled() {
        endpoint.add(pending("a", "m1", 1));
        Endpoint.Lane lane = sendAndFail();
        endpoint.disable(T0, this::release);

        assertThatThrownBy(() -> endpoint.sending(lane)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DISABLED");
        assertThatThrownBy(() -> endpoint.park(this::release)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DISABLED");
    }

    @Test
    void shouldRefuseAnAnswerWithNothingInFlight() {
        endpoint.add(pending("a", "m1", 1));
        Endpoint.Lane lane = endpoint.nextToSend(8).orElseThrow();

        assertThatThrownBy(() -> endpoint.returned(lane)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nothing in flight");
    }
}
