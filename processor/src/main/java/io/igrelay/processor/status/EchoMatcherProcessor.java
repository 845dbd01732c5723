package io.igrelay.processor.status;

import io.igrelay.avro.EventKind;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.processor.ProcessorCounters;
import io.igrelay.processor.state.ExpiryIndex;
import io.igrelay.processor.state.LowLoadCommits;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Echo handling (contract §6.1): an echo whose mid the hub sent (known from the dispatcher's SENT statuses on
 * ig.message.status, co-partitioned by IGSID) is the hub's own message and produces no inbound event; an unmatched
 * echo is held for the grace period and then published as a message the business typed in the Instagram app.
 * Every other event passes straight to ig.events.
 */
public final class EchoMatcherProcessor implements Processor<String, InstagramEvent, String, InstagramEvent> {

    private final StatusStores names;
    private final Duration grace;
    private final Duration checkInterval;
    private final ProcessorCounters counters;
    private ProcessorContext<String, InstagramEvent> context;
    private KeyValueStore<String, String> sentMids;
    private KeyValueStore<String, InstagramEvent> held;
    private ExpiryIndex releases;
    private LowLoadCommits commits;

    public EchoMatcherProcessor(StatusStores names, Duration grace, Duration checkInterval,
                                ProcessorCounters counters) {
        this.names = names;
        this.grace = grace;
        this.checkInterval = checkInterval;
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<String, InstagramEvent> context) {
        this.context = context;
        this.sentMids = context.getStateStore(names.sentMids());
        this.held = context.getStateStore(names.heldEchoes());
        this.releases = new ExpiryIndex(context.getStateStore(names.heldEchoExpiry()));
        context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, this::release);
        this.commits = LowLoadCommits.schedule(context);
    }

    @Override
    public void process(Record<String, InstagramEvent> record) {
        InstagramEvent event = record.value();
        if (event == null) {
            return;
        }
        if (event.getKind() != EventKind.ECHO || event.getMid() == null) {
            context.forward(record);
            commits.forwarded(event.getReceivedAt().toEpochMilli());
            return;
        }
        if (sentMids.get(event.getMid()) != null) {
            return;
        }
        held.put(event.getMid(), event);
        releases.add(event.getReceivedAt().toEpochMilli() + grace.toMillis(), event.getMid());
    }

    private void release(long now) {
        for (ExpiryIndex.Due due : releases.takeDue(now, 10_000)) {
            InstagramEvent echo = held.delete(due.ownerKey());
            if (echo != null && sentMids.get(echo.getMid()) == null) {
                counters.heldEchoesReleased.incrementAndGet();
                context.forward(new Record<>(echo.getIgsid(), echo, now)); // wall-clock time, never Meta's
            }
        }
    }
}
