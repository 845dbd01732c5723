package io.igrelay.processor.dedup;

import io.igrelay.avro.InstagramEvent;
import io.igrelay.processor.ProcessorCounters;
import io.igrelay.processor.state.ExpiryIndex;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Drops redelivered webhook items (SPEC 6.1): an event id seen within the horizon (default 7 days, by Meta
 * timestamp) produces nothing. State stays bounded: entries are filed in an expiry index and purged by a
 * wall-clock punctuator with range scans. The entry keeps the item's mid, so the gate can resolve a reaction's
 * target message id to Meta's mid.
 */
public final class DedupProcessor implements Processor<String, InstagramEvent, String, InstagramEvent> {

    private static final int PURGE_BATCH = 10_000;

    private final String seenStore;
    private final String expiryStore;
    private final Duration horizon;
    private final Duration purgeInterval;
    private final ProcessorCounters counters;
    private ProcessorContext<String, InstagramEvent> context;
    private KeyValueStore<String, String> seen;
    private ExpiryIndex expiry;

    public DedupProcessor(String seenStore, String expiryStore, Duration horizon, Duration purgeInterval,
                          ProcessorCounters counters) {
        this.seenStore = seenStore;
        this.expiryStore = expiryStore;
        this.horizon = horizon;
        this.purgeInterval = purgeInterval;
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<String, InstagramEvent> context) {
        this.context = context;
        this.seen = context.getStateStore(seenStore);
        this.expiry = new ExpiryIndex(context.getStateStore(expiryStore));
        context.schedule(purgeInterval, PunctuationType.WALL_CLOCK_TIME, this::purge);
    }

    @Override
    public void process(Record<String, InstagramEvent> record) {
        InstagramEvent event = record.value();
        if (event == null) {
            return;
        }
        String key = key(event.getIgsid(), event.getEventId());
        if (seen.get(key) != null) {
            counters.duplicatesDropped.incrementAndGet();
            return;
        }
        seen.put(key, event.getMid() == null ? "" : event.getMid());
        expiry.add(event.getTimestamp().toEpochMilli() + horizon.toMillis(), key);
        context.forward(record);
    }

    private void purge(long now) {
        for (ExpiryIndex.Due due : expiry.takeDue(now, PURGE_BATCH)) {
            seen.delete(due.ownerKey());
        }
    }

    /** The dedup key of an item: the IGSID first, so an erasure finds all of a user's entries by prefix. */
    public static String key(String igsid, String eventId) {
        return igsid + "|" + eventId;
    }
}
