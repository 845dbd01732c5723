package io.igrelay.processor.inbound;

import io.igrelay.avro.EventKind;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The stable event id that deduplication keys on (SPEC 6.1): messages, echoes, postbacks and unsends by kind+mid;
 * reactions, seen receipts and referrals (which repeat a mid or have none) by kind+mid+sender+timestamp. A
 * redelivered webhook yields the same id; the name-based UUID keeps it short.
 */
public final class EventIds {

    private EventIds() {
    }

    public static String of(EventKind kind, String mid, String sender, long timestampMillis) {
        String name = switch (kind) {
            case MESSAGE, ECHO, POSTBACK, DELETED, UNSUPPORTED -> mid != null
                    ? kind + "|" + mid : kind + "|" + sender + "|" + timestampMillis;
            case REACTION, SEEN, REFERRAL -> kind + "|" + mid + "|" + sender + "|" + timestampMillis;
        };
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
