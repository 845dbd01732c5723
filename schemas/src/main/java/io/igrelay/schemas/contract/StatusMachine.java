package io.igrelay.schemas.contract;

import io.igrelay.avro.DeliveryState;

/**
 * The one-way message status machine (docs/contract.md §6.4): ENQUEUED → SENT → READ, or REJECTED / FAILED, which
 * are final. A lower or equal status arriving late is dropped; a READ message cannot fail any more, and a SENT one
 * can no longer be rejected (only the gate rejects, before sending). The processor's status table and the
 * dispatcher's MessageStatus webhooks both follow it, so the API and the webhooks never disagree.
 */
public final class StatusMachine {

    private StatusMachine() {
    }

    /** Whether a message whose status is {@code current} (null: none yet) may move to {@code next}. */
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
