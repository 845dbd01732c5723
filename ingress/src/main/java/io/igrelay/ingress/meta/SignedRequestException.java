package io.igrelay.ingress.meta;

/**
 * Why a {@code signed_request} was refused, in words fit for the 400 answer: the message names the problem
 * (missing, malformed, bad signature, wrong algorithm, too old) and never echoes the value or a secret.
 */
public final class SignedRequestException extends Exception {

    public SignedRequestException(String message) {
        super(message, null, false, false);
    }
}
