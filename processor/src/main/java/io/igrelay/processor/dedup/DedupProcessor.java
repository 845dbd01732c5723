package io.igrelay.processor.dedup;

import io.igrelay.avro.InstagramEvent;
import io.igrelay.processor.ProcessorCounters;
import io.igrelay.processor.inbound.MetaTimeRange;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Drops redelivered webhook items (contract §6.1): an event id seen within the horizon (default 7 days, by Meta
 * timestamp, or by receive time when Meta's is out of range) produces nothing. State stays bounded:
 * {@link SeenEvents} files entries in a coarse expiry index that a wall-clock punctuator purges with range scans.
 * The entry keeps the item's mid, so the gate can resolve a reaction's target message id to Meta's mid.
 */
public final class DedupProcessor implements Processor<String, InstagramEvent, String, InstagramEvent> {

    private static final int PURGE_BATCH = 10_000;

    private final String seenStore;
    private final String expiryStore;
    private final Duration horizon;
    private final Duration purgeInterval;
    private final ProcessorCounters counters;
    private ProcessorContext<String, InstagramEvent> context;
    private SeenEvents seen;

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
        this.seen = new SeenEvents(context.getStateStore(seenStore), context.getStateStore(expiryStore));
        context.schedule(purgeInterval, PunctuationType.WALL_CLOCK_TIME, now -> seen.purge(now, PURGE_BATCH));
    }

    @Override
    public void process(Record<String, InstagramEvent> record) {
        InstagramEvent event = record.value();
        if (event == null) {
            return;
        }
        if (seen.contains(event.getIgsid(), event.getEventId())) {
            counters.duplicatesDropped.incrementAndGet();
            return;
        }
        seen.remember(event.getIgsid(), event.getEventId(), event.getMid(),
                MetaTimeRange.effective(event).toEpochMilli() + horizon.toMillis());
        context.forward(record);
    }
}
