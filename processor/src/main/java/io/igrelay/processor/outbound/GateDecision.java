package io.igrelay.processor.outbound;

import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.MessageStatus;

/**
 * What the gate decided for one request: always a status (ENQUEUED or REJECTED) for ig.message.status, and for an
 * accepted message the command for ig.outbound.dispatch (null when rejected). Lives only between two nodes.
 */
public record GateDecision(MessageStatus status, DispatchCommand command) {

    public boolean accepted() {
        return command != null;
    }
}
