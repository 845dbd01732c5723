package io.igrelay.sandbox.send;

import io.igrelay.sandbox.wire.GraphErrorBody;

/**
 * Thrown by the body validator with the Graph error to answer; carries no stack trace (it is control flow on the
 * hot path, not a bug).
 */
public final class InvalidSendException extends Exception {
    private final transient GraphErrorBody error;

    public InvalidSendException(GraphErrorBody error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public GraphErrorBody error() {
        return error;
    }
}
