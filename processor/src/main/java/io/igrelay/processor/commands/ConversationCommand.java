package io.igrelay.processor.commands;

import io.igrelay.avro.DeletionRequest;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.OutboundMessage;
import io.igrelay.avro.SendRecord;
import io.igrelay.processor.deletion.ChannelPurge;
import java.util.Objects;

/**
 * Everything but webhook events that the conversation (IGSID) tasks act on, on one internal topic instead of five: an
 * outbound request for the gate, a message status for the status table, a message the dispatcher sent (its mid, for
 * echo matching), an end user's erasure, an account deletion's purge (to every task). One topic, because a Streams
 * task checks each of its empty input partitions on every record it processes (decisions.md, "processor:
 * conversation task inputs").
 */
public sealed interface ConversationCommand {

    /** An outbound request from {@code ig.outbound.requests}, keyed by its {@code to} (the IGSID). */
    record Request(OutboundMessage message) implements ConversationCommand {
        public Request {
            Objects.requireNonNull(message, "message");
        }
    }

    /** A message status from {@code ig.message.status}, keyed by its conversation's IGSID. */
    record Status(MessageStatus status) implements ConversationCommand {
        public Status {
            Objects.requireNonNull(status, "status");
        }
    }

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
