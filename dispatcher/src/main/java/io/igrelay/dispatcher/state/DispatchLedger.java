package io.igrelay.dispatcher.state;

import io.igrelay.avro.SendRecord;
import java.util.Optional;

/*
 * The "never twice by our own doing" check (SPEC 6.3): ig.dispatch.ledger holds, per conversation, the last
 * outcome and the dispatch offset it belongs to. Because one conversation is handled in order, every command of it
 * at or before that offset is done and is skipped when Kafka delivers it again after a restart or rebalance.
 */
public final class DispatchLedger {

    private final CompactedTopicView<SendRecord> view;

    public DispatchLedger(CompactedTopicView<SendRecord> view) {
        this.view = view;
    }

    /** Keeps the record with the higher dispatch offset: our own writes and the topic's echo of them may cross. */
    public static SendRecord later(SendRecord current, SendRecord candidate) {
        return offsetOf(candidate) >= offsetOf(current) ? candidate : current;
    }

    /** The outcome that already covers this command, if any. */
    public Optional<SendRecord> covering(String conversationKey, int partition, long offset) {
        return view.get(conversationKey).filter(r -> r.getDispatchPartition() != null
                && r.getDispatchPartition() == partition && offsetOf(r) >= offset);
    }

    /** Called once the ledger record is acknowledged by the broker. */
    public void remember(SendRecord record) {
        view.put(record.getConversationKey(), record);
    }

    public CompactedTopicView<SendRecord> view() {
        return view;
    }

    private static long offsetOf(SendRecord record) {
        return record.getDispatchOffset() == null ? -1 : record.getDispatchOffset();
    }
}
