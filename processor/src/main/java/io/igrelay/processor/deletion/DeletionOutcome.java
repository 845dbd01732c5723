package io.igrelay.processor.deletion;

import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.DeletionStatus;
import java.util.List;

/**
 * What one deletion produced, fanned out by the topology: channel deletions for ig.channel.events, the
 * DeletionStatus so far (COMPLETED, or IN_PROGRESS while the channel purge runs), the purge request multicast to
 * every IGSID task (account deletions with channels), and for an IGSID erasure the window tombstone and the status
 * rows to drop from the by-id table.
 */
public record DeletionOutcome(List<ChannelEvent> channelDeletions, DeletionStatus status, ChannelPurge purge,
                              String erasedIgsid, boolean windowRemoved, List<String> removedMessageIds) {
}
