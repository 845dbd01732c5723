package io.igrelay.processor.outbound;

import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.MessageStatus;

/**
 * What the gate decided for one request: a status for ig.message.status (REJECTED, or ENQUEUED unless the request's
 * producer already published it, then null), and for an accepted message the command for ig.outbound.dispatch (null
 * when rejected). Lives only between two nodes.
 */
public record GateDecision(MessageStatus status, DispatchCommand command) {

    public boolean accepted() {
        return command != null;
    }

    public boolean hasStatus() {
        return status != null;
    }

    GateDecision withoutStatus() {
        return new GateDecision(null, command);
    }
}
