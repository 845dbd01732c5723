package io.igrelay.processor.status;

import io.igrelay.avro.DeliveryState;

/**
 * The one-way state machine of SPEC 6.4: ENQUEUED → SENT → READ, or REJECTED / FAILED, which are final. A lower
 * or equal status arriving late is dropped; a READ message cannot fail any more.
 */
public final class StatusMachine {

    private StatusMachine() {
    }

    public static boolean accepts(DeliveryState current, DeliveryState next) {
        if (current == null) {
            return true;
        }
        return switch (current) {
            case REJECTED, FAILED, READ -> false;
            case ENQUEUED -> next != DeliveryState.ENQUEUED;
            case SENT -> next == DeliveryState.READ || next == DeliveryState.FAILED;
        };
    }
}
