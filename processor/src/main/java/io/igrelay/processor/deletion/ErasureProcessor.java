package io.igrelay.processor.deletion;

import io.igrelay.avro.DeletionRequest;
import io.igrelay.avro.DeletionState;
import io.igrelay.avro.DeletionStatus;
import io.igrelay.avro.DeletionSubject;
import io.igrelay.processor.comments.CommentFacts;
import io.igrelay.processor.state.ExpiryIndex;
import io.igrelay.processor.status.StatusView;
import io.igrelay.processor.windows.WindowBook;
import io.igrelay.processor.windows.WindowMath;
import io.igrelay.processor.windows.WindowRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * End-user erasure (contract §7), on the IGSID's own partition: removes the window and last-contact marker, the dedup
 * entries, the status rows (with their Meta mids) and the IGSID's comments, so the IGSID counts as never contacted and later events are
 * processed normally. Tombstones for ig.windows and the by-id table follow from the outcome.
 */
public final class ErasureProcessor implements Processor<String, DeletionRequest, String, DeletionOutcome> {

    private final ErasureStores names;
    private final WindowRules rules;
    private ProcessorContext<String, DeletionOutcome> context;
    private WindowBook windows;
    private KeyValueStore<String, String> seen;
    private KeyValueStore<String, StatusView> statuses;
    private KeyValueStore<String, String> sentMids;
    private KeyValueStore<String, CommentFacts> comments;

    public ErasureProcessor(ErasureStores names, WindowRules rules) {
        this.names = names;
        this.rules = rules;
    }

    @Override
    public void init(ProcessorContext<String, DeletionOutcome> context) {
        this.context = context;
        this.windows = new WindowBook(context.getStateStore(names.windows()),
                new ExpiryIndex(context.getStateStore(names.deadlines())), new WindowMath(rules));
        this.seen = context.getStateStore(names.seen());
        this.statuses = context.getStateStore(names.conversationStatus());
        this.sentMids = context.getStateStore(names.sentMids());
        this.comments = context.getStateStore(names.comments());
    }

    @Override
    public void process(Record<String, DeletionRequest> record) {
        DeletionRequest request = record.value();
        if (request == null || request.getSubjectType() != DeletionSubject.IGSID) {
            return;
        }
        String igsid = request.getSubjectId();
        boolean windowRemoved = windows.delete(igsid);
        int dedupEntries = deletePrefix(seen, igsid).size();
        List<String> messageIds = new ArrayList<>();
        for (StatusView row : deleteRows(igsid)) {
            messageIds.add(row.messageId());
            row.metaMessageIds().forEach(sentMids::delete);
        }
        int commentsRemoved = deleteComments(igsid);
        Map<String, Long> removed = new LinkedHashMap<>();
        if (windowRemoved) {
            removed.put("windows", 1L);
        }
        if (dedupEntries > 0) {
            removed.put("dedupEntries", (long) dedupEntries);
        }
        if (!messageIds.isEmpty()) {
            removed.put("statuses", (long) messageIds.size());
        }
        if (commentsRemoved > 0) {
            removed.put("comments", (long) commentsRemoved);
        }
        DeletionStatus status = DeletionStatus.newBuilder().setConfirmationCode(request.getConfirmationCode())
                .setState(DeletionState.COMPLETED).setSubjectType(DeletionSubject.IGSID).setRemoved(removed)
                .setNoDataHeld(removed.isEmpty()).setUpdatedAt(Instant.ofEpochMilli(record.timestamp())).build();
        context.forward(new Record<>(request.getConfirmationCode(), new DeletionOutcome(List.of(), status, null, igsid,
                windowRemoved, messageIds), record.timestamp()));
    }

    /**
     * The IGSID's comments: keyed by comment id, so this task's store is scanned (it holds this partition's
     * comments of the last 14 days only); their expiry entries then find nothing to delete.
     */
    private int deleteComments(String igsid) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, CommentFacts> it = comments.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value != null && igsid.equals(kv.value.igsid())) {
                    keys.add(kv.key);
                }
            });
        }
        keys.forEach(comments::delete);
        return keys.size();
    }

    private List<StatusView> deleteRows(String igsid) {
        List<StatusView> rows = new ArrayList<>();
        for (String key : deletePrefixKeys(statuses, igsid)) {
            StatusView row = statuses.delete(key);
            if (row != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<String> deletePrefix(KeyValueStore<String, String> store, String igsid) {
        List<String> keys = deletePrefixKeys(store, igsid);
        keys.forEach(store::delete);
        return keys;
    }

    private static <V> List<String> deletePrefixKeys(KeyValueStore<String, V> store, String igsid) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, V> it = store.prefixScan(igsid + "|", new StringSerializer())) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }
}
