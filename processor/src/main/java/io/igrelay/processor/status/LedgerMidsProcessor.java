package io.igrelay.processor.status;

import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.SendOutcome;
import io.igrelay.avro.SendRecord;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Echo matching through the dispatcher's ledger (contract §6.1): each SENT outcome of ig.dispatch.ledger, re-keyed by
 * IGSID so it meets the echoes of its conversation, records its Meta mids as the hub's own and cancels a held echo
 * of them. The SENT statuses on ig.message.status do the same, so whichever arrives first wins. A mid is kept for
 * the dedup horizon only ({@link SentMids}); this processor's wall-clock punctuator purges the expired ones.
 */
public final class LedgerMidsProcessor implements Processor<String, SendRecord, Void, Void> {

    private final StatusStores names;
    private final Duration midLifetime;
    private final Duration purgeInterval;
    private SentMids sentMids;
    private KeyValueStore<String, InstagramEvent> heldEchoes;

    public LedgerMidsProcessor(StatusStores names, Duration midLifetime, Duration purgeInterval) {
        this.names = names;
        this.midLifetime = midLifetime;
        this.purgeInterval = purgeInterval;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.sentMids = new SentMids(context.getStateStore(names.sentMids()),
                context.getStateStore(names.sentMidExpiry()), midLifetime);
        this.heldEchoes = context.getStateStore(names.heldEchoes());
        context.schedule(purgeInterval, PunctuationType.WALL_CLOCK_TIME, sentMids::purge);
    }

    @Override
    public void process(Record<String, SendRecord> record) {
        SendRecord sent = record.value();
        if (sent == null || sent.getOutcome() != SendOutcome.SENT) {
            return;
        }
        for (String mid : sent.getMetaMessageIds()) {
            sentMids.record(mid, sent.getMessageId(), record.timestamp());
            heldEchoes.delete(mid);
        }
    }

    /** The IGSID part of a ledger key {@code <igAccountId>|<igsid>}. */
    public static String igsidOf(String conversationKey) {
        int bar = conversationKey.indexOf('|');
        return bar < 0 ? conversationKey : conversationKey.substring(bar + 1);
    }
}
