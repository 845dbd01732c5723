package io.igrelay.processor.outbound;

import io.igrelay.avro.MessagingType;
import java.time.Instant;

/** The gate's answer for one outbound message: accepted with how Meta must be asked, or rejected with a code. */
public record Verdict(boolean accepted, MessagingType messagingType, String tag, Instant notAfter,
                      String errorCode, String errorMessage) {

    public static Verdict accept(MessagingType type, String tag, Instant notAfter) {
        return new Verdict(true, type, tag, notAfter, null, null);
    }

    public static Verdict reject(String errorCode, String errorMessage) {
        return new Verdict(false, null, null, null, errorCode, errorMessage);
    }
}
