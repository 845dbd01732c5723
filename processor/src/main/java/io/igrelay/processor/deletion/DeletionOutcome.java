package io.igrelay.processor.deletion;

import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.DeletionStatus;
import java.util.List;

/**
 * What one deletion produced, fanned out by the topology: channel deletions for ig.channel.events, the final
 * DeletionStatus, and for an IGSID erasure the window tombstone and the status rows to drop from the by-id table.
 */
public record DeletionOutcome(List<ChannelEvent> channelDeletions, DeletionStatus status, String erasedIgsid,
                              boolean windowRemoved, List<String> removedMessageIds) {
}
