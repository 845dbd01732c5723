package io.igrelay.ingress.spool;

/**
 * The spool reached its configured size: the delivery cannot be made durable, so the ingress answers 503 and
 * Meta retries later instead of being told 200 for something we could lose.
 */
public final class SpoolFullException extends RuntimeException {

    public SpoolFullException(long maxBytes) {
        super("the ingress spool is full (" + maxBytes + " bytes)", null, false, false);
    }
}
