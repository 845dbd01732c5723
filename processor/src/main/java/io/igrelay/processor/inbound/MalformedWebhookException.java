package io.igrelay.processor.inbound;

/**
 * A raw delivery that cannot be read as an Instagram webhook. It is logged with topic/partition/offset, counted
 * and skipped; it never stops the stream (contract §8). The message never quotes the body (it may hold message text).
 */
public final class MalformedWebhookException extends RuntimeException {

    public MalformedWebhookException(String reason) {
        super(reason, null, false, false);
    }
}
