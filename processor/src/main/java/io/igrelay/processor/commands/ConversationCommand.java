package io.igrelay.processor.commands;

import io.igrelay.avro.DeletionRequest;
import io.igrelay.avro.SendRecord;
import io.igrelay.processor.deletion.ChannelPurge;
import java.util.Objects;

/**
 * What the low-volume sources ask of the conversation (IGSID) tasks, on one internal topic instead of three: a
 * message the dispatcher sent (its mid, for echo matching), an end user's erasure, an account deletion's purge (to
 * every task). One topic, because a Streams task checks each of its empty input partitions on every record it
 * processes (decisions.md, "processor: conversation task inputs").
 */
public sealed interface ConversationCommand {

    /** A {@code SENT} ledger record, keyed by its IGSID. */
    record Sent(SendRecord record) implements ConversationCommand {
        public Sent {
            Objects.requireNonNull(record, "record");
        }
    }

    /** An end-user erasure, keyed by the IGSID to erase. */
    record Erase(DeletionRequest request) implements ConversationCommand {
        public Erase {
            Objects.requireNonNull(request, "request");
        }
    }

    /** An account deletion's purge request, multicast to every partition. */
    record Purge(ChannelPurge purge) implements ConversationCommand {
        public Purge {
            Objects.requireNonNull(purge, "purge");
        }
    }
}
