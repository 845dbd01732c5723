package io.igrelay.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.DeliveryState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusMachineTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
        ",ENQUEUED,true", ",SENT,true", ",FAILED,true",
        "ENQUEUED,ENQUEUED,false", "ENQUEUED,SENT,true", "ENQUEUED,READ,true", "ENQUEUED,REJECTED,true",
        "ENQUEUED,FAILED,true",
        "SENT,ENQUEUED,false", "SENT,SENT,false", "SENT,READ,true", "SENT,FAILED,true", "SENT,REJECTED,false",
        "READ,SENT,false", "READ,READ,false", "READ,FAILED,false", "READ,ENQUEUED,false",
        "FAILED,SENT,false", "FAILED,READ,false", "FAILED,FAILED,false",
        "REJECTED,SENT,false", "REJECTED,ENQUEUED,false"
    })
    void shouldMoveOneWayOnly(DeliveryState current, DeliveryState next, boolean accepted) {
        assertThat(StatusMachine.accepts(current, next)).isEqualTo(accepted);
    }
}
