package io.igrelay.processor.status;

import io.igrelay.avro.DeliveryState;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.MessageStatus;
import io.igrelay.processor.state.ExpiryIndex;
import io.igrelay.schemas.contract.StatusMachine;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds ig.message.status (keyed by IGSID) into the per-conversation status table with the one-way state machine
 * (contract §6.4), and forwards each accepted change keyed by message id for the by-id query table. A SENT status
 * records its Meta mids (kept for the dedup horizon, {@link SentMids}), which is how echoes of the hub's own sends
 * are recognised (and a held echo released from its hold). Rows are purged after the retention, by range scan.
 */
public final class StatusTableProcessor implements Processor<String, MessageStatus, String, StatusView> {

    private final StatusStores names;
    private final Duration retention;
    private final Duration midLifetime;
    private final Duration purgeInterval;
    private ProcessorContext<String, StatusView> context;
    private KeyValueStore<String, StatusView> table;
    private ExpiryIndex expiry;
    private SentMids sentMids;
    private KeyValueStore<String, InstagramEvent> heldEchoes;

    public StatusTableProcessor(StatusStores names, Duration retention, Duration midLifetime,
                                Duration purgeInterval) {
        this.names = names;
        this.retention = retention;
        this.midLifetime = midLifetime;
        this.purgeInterval = purgeInterval;
    }

    @Override
    public void init(ProcessorContext<String, StatusView> context) {
        this.context = context;
        this.table = context.getStateStore(names.conversationStatus());
        this.expiry = new ExpiryIndex(context.getStateStore(names.statusExpiry()));
        this.sentMids = new SentMids(context.getStateStore(names.sentMids()),
                context.getStateStore(names.sentMidExpiry()), midLifetime);
        this.heldEchoes = context.getStateStore(names.heldEchoes());
        context.schedule(purgeInterval, PunctuationType.WALL_CLOCK_TIME, this::purge);
    }

    @Override
    public void process(Record<String, MessageStatus> record) {
        MessageStatus status = record.value();
        if (status == null) {
            return;
        }
        String key = rowKey(status.getTo(), status.getMessageId());
        StatusView current = table.get(key);
        DeliveryState currentState = current == null ? null : DeliveryState.valueOf(current.status());
        if (!StatusMachine.accepts(currentState, status.getStatus())) {
            return;
        }
        long at = status.getAt().toEpochMilli();
        StatusView next = current == null ? StatusView.first(status, at) : current.advance(status, at);
        if (current != null) {
            expiry.remove(current.updatedAt() + retention.toMillis(), key);
        }
        table.put(key, next);
        expiry.add(next.updatedAt() + retention.toMillis(), key);
        if (status.getStatus() == DeliveryState.SENT) {
            for (String mid : status.getMetaMessageIds()) {
                sentMids.record(mid, status.getMessageId(), record.timestamp());
                heldEchoes.delete(mid);
            }
        }
        context.forward(new Record<>(status.getMessageId(), next, record.timestamp()));
    }

    private void purge(long now) {
        for (ExpiryIndex.Due due : expiry.takeDue(now, 10_000)) {
            StatusView row = table.delete(due.ownerKey());
            if (row != null) {
                row.metaMessageIds().forEach(sentMids::forget);
                context.forward(new Record<>(row.messageId(), null, now));
            }
        }
    }

    /** Row key: IGSID first, so a seen receipt or an erasure finds the conversation's rows by prefix. */
    public static String rowKey(String igsid, String messageId) {
        return igsid + "|" + messageId;
    }
}
