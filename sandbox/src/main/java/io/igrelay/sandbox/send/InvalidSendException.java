package io.igrelay.sandbox.send;

import io.igrelay.sandbox.wire.MetaError;

/**
 * Thrown by the body validator with the Graph error to answer; carries no stack trace (it is control flow on the
 * hot path, not a bug).
 */
public final class InvalidSendException extends Exception {
    private final transient MetaError error;

    public InvalidSendException(MetaError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public MetaError error() {
        return error;
    }
}
