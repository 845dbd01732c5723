package io.igrelay.dispatcher.graph;

import io.igrelay.schemas.contract.HubErrorCode;

/*
 * A command that can never become a Send API call (a reaction whose target mid the gate could not resolve, an
 * interactive message without options, a flavour whose app secret is not configured). It fails at once with the
 * hub error code it carries; it is a status, not a dead letter.
 */
public final class UnsendableCommandException extends RuntimeException {

    private final String errorCode;

    public UnsendableCommandException(HubErrorCode errorCode, String message) {
        super(message);
        this.errorCode = errorCode.name();
    }

    public String errorCode() {
        return errorCode;
    }
}
