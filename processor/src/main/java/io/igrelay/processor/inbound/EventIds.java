package io.igrelay.processor.inbound;

import io.igrelay.avro.EventKind;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The stable event id that deduplication keys on: messages, echoes, postbacks and unsends by kind+mid; reactions,
 * seen receipts, referrals, edits and opt-ins (which repeat a mid or have none) by kind+mid+sender+timestamp;
 * handover events also by their action, so a pass and a request of the same instant stay two events; comments by
 * their comment id alone ({@link #ofComment}). A redelivered webhook yields the same id; the name-based UUID keeps it
 * short.
 */
public final class EventIds {

    private EventIds() {
    }

    public static String of(EventKind kind, String mid, String sender, long timestampMillis) {
        return of(kind, mid, sender, timestampMillis, null);
    }

    /** A comment (or live comment) is its comment id: a redelivery, whatever its entry time, is the same event. */
    public static String ofComment(String commentId) {
        return of(EventKind.COMMENT, commentId, null, 0);
    }

    /** {@code detail}: what tells apart two items of one kind, sender and instant (the handover action). */
    public static String of(EventKind kind, String mid, String sender, long timestampMillis, String detail) {
        String name = switch (kind) {
            case MESSAGE, ECHO, POSTBACK, DELETED, UNSUPPORTED, COMMENT -> mid != null
                    ? kind + "|" + mid : kind + "|" + sender + "|" + timestampMillis;
            case REACTION, SEEN, REFERRAL, EDITED, OPTIN, HANDOVER ->
                    kind + "|" + mid + "|" + sender + "|" + timestampMillis;
        };
        if (detail != null) {
            name = name + "|" + detail;
        }
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
