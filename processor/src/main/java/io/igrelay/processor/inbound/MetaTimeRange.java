package io.igrelay.processor.inbound;

import io.igrelay.avro.InstagramEvent;
import java.time.Duration;
import java.time.Instant;

/**
 * Meta's item timestamp is data, never a clock the pipeline trusts. A timestamp more than {@link #MAX_AHEAD} after
 * the ingress received the delivery, or more than {@link #MAX_BEHIND} before it (zero, negative and
 * {@code Long.MAX_VALUE} included), is absurd: it is kept on the event as sent and flagged, and everything that
 * measures time by it (windows, the dedup horizon, read receipts) goes by the receive time instead, so a lying
 * timestamp can neither open a window into the far future nor expire one in the past. Record timestamps never
 * come from it at all (docs/decisions.md, "Processor: trusted record timestamps").
 */
public final class MetaTimeRange {

    /** Beyond any clock skew; also the broker's default limit for a record timestamp ahead of its clock. */
    public static final Duration MAX_AHEAD = Duration.ofHours(1);
    /** No real-time notification arrives a week after the fact; it is also the default dedup horizon. */
    public static final Duration MAX_BEHIND = Duration.ofDays(7);

    private MetaTimeRange() {
    }

    /** Whether Meta's {@code timestamp} is absurd for a delivery received at {@code receivedAt}. */
    public static boolean outOfRange(Instant timestamp, Instant receivedAt) {
        return timestamp.isAfter(receivedAt.plus(MAX_AHEAD)) || timestamp.isBefore(receivedAt.minus(MAX_BEHIND));
    }

    /** The time the event's windows, dedup entry and read receipts go by: Meta's, unless it was out of range. */
    public static Instant effective(InstagramEvent event) {
        return event.getTimestampOutOfRange() ? event.getReceivedAt() : event.getTimestamp();
    }
}
