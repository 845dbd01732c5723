package io.igrelay.dispatcher.state;

import io.igrelay.avro.SendOutcome;
import io.igrelay.avro.SendRecord;
import io.igrelay.schemas.consume.CompactedTopicView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/*
 * The "never twice by our own doing" check (contract §6.3): ig.dispatch.ledger holds, per conversation, the last
 * outcome and the dispatch offset it belongs to. Because one conversation is handled in order, every command of it
 * at or before that offset is done and is skipped when Kafka delivers it again after a restart or rebalance.
 * Before its first Send API call a command also gets an attempt record (outcome ATTEMPTED; readers that act on SENT
 * ignore it): after a crash, a command whose attempt record is the last word of its
 * conversation may already have reached Meta, and sending it again is counted as a possible duplicate.
 */
public final class DispatchLedger {

    private final CompactedTopicView<SendRecord> view;

    public DispatchLedger(CompactedTopicView<SendRecord> view) {
        this.view = view;
    }

    /**
     * Keeps the record with the higher dispatch offset (our own writes and the topic's echo of them may cross); at
     * the same offset an outcome wins over the attempt record it follows.
     */
    public static SendRecord later(SendRecord current, SendRecord candidate) {
        long now = offsetOf(current);
        long next = offsetOf(candidate);
        if (next != now) {
            return next > now ? candidate : current;
        }
        return isAttempt(candidate) && !isAttempt(current) ? current : candidate;
    }

    public static boolean isAttempt(SendRecord record) {
        return record.getOutcome() == SendOutcome.ATTEMPTED;
    }

    /** The attempt record written before the first call for a command. */
    public static SendRecord attempt(String messageId, String conversationKey, int partition, long offset,
            int attemptsSoFar, Instant at) {
        return SendRecord.newBuilder().setMessageId(messageId).setConversationKey(conversationKey)
                .setDispatchPartition(partition).setDispatchOffset(offset).setOutcome(SendOutcome.ATTEMPTED)
                .setMetaMessageIds(List.of()).setAttempts(attemptsSoFar).setErrorCode(null).setPossibleDuplicate(false)
                .setAt(at).build(); // every field set: build() then never looks up a schema default (a locked cache)
    }

    /** The outcome that already covers this command, if any (an attempt record covers only what came before it). */
    public Optional<SendRecord> covering(String conversationKey, int partition, long offset) {
        return view.get(conversationKey).filter(r -> samePartition(r, partition)
                && (isAttempt(r) ? offsetOf(r) > offset : offsetOf(r) >= offset));
    }

    /** Whether an earlier run started calling Meta for this very command and recorded no outcome for it. */
    public boolean attempted(String conversationKey, int partition, long offset) {
        return view.get(conversationKey).filter(r -> samePartition(r, partition) && isAttempt(r)
                && offsetOf(r) == offset).isPresent();
    }

    /** Called once a ledger record is acknowledged by the broker. */
    public void remember(SendRecord record) {
        view.put(record.getConversationKey(), record);
    }

    public CompactedTopicView<SendRecord> view() {
        return view;
    }

    private static boolean samePartition(SendRecord record, int partition) {
        return record.getDispatchPartition() != null && record.getDispatchPartition() == partition;
    }

    private static long offsetOf(SendRecord record) {
        return record.getDispatchOffset() == null ? -1 : record.getDispatchOffset();
    }
}
