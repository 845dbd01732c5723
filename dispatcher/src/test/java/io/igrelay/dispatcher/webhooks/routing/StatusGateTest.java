package io.igrelay.dispatcher.webhooks.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.DeliveryState;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusGateTest {

    private final StatusGate gate = new StatusGate(100);

    @Test
    void shouldPassForwardTransitionsWithTheirPreviousStatus() {
        assertThat(gate.accept("m", DeliveryState.ENQUEUED)).singleElement()
                .extracting(StatusGate.Transition::previous).isEqualTo(Optional.empty());
        assertThat(gate.accept("m", DeliveryState.SENT)).singleElement()
                .extracting(StatusGate.Transition::previous).isEqualTo(Optional.of(DeliveryState.ENQUEUED));
        assertThat(gate.accept("m", DeliveryState.READ)).hasSize(1);
    }

    @Test
    void shouldDropSentAfterRead() {
        gate.accept("m", DeliveryState.ENQUEUED);
        gate.accept("m", DeliveryState.READ);
        assertThat(gate.accept("m", DeliveryState.SENT)).isEmpty();
    }

    @Test
    void shouldDropEverythingAfterFailed() {
        gate.accept("m", DeliveryState.ENQUEUED);
        gate.accept("m", DeliveryState.FAILED);
        assertThat(gate.accept("m", DeliveryState.SENT)).isEmpty();
        assertThat(gate.accept("m", DeliveryState.READ)).isEmpty();
    }

    @Test
    void shouldDropDuplicates() {
        gate.accept("m", DeliveryState.ENQUEUED);
        assertThat(gate.accept("m", DeliveryState.ENQUEUED)).isEmpty();
    }

    @Test
    void shouldSynthesiseEnqueuedBeforeAStatusThatCameFirst() {
        var out = gate.accept("m", DeliveryState.SENT);
        assertThat(out).extracting(StatusGate.Transition::status)
                .containsExactly(DeliveryState.ENQUEUED, DeliveryState.SENT);
        assertThat(out.get(0).synthetic()).isTrue();
        assertThat(gate.accept("m", DeliveryState.ENQUEUED)).isEmpty();
    }

    @Test
    void shouldRememberWhatAnEarlierRunPublished() {
        gate.remember("m", DeliveryState.READ);
        assertThat(gate.accept("m", DeliveryState.SENT)).isEmpty();
    }

    @Test
    void shouldNotFailAMessageAlreadyRead() {
        gate.accept("m", DeliveryState.ENQUEUED);
        gate.accept("m", DeliveryState.READ);
        assertThat(gate.accept("m", DeliveryState.FAILED)).isEmpty();
    }
}
