package io.igrelay.processor.windows;

import io.igrelay.avro.ConversationWindow;
import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.WindowState;
import io.igrelay.avro.WindowTrigger;
import io.igrelay.processor.inbound.MetaTimeRange;
import io.igrelay.processor.state.ExpiryIndex;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Per-IGSID messaging windows (contract §6.2), published to the compacted ig.windows: user actions open or extend the
 * window by Meta timestamp (by receive time when Meta's is out of range, so none opens into the far future); a
 * wall-clock punctuator walks the deadline index and publishes each change of state (OPEN → HUMAN_AGENT_ONLY →
 * CLOSED). After CLOSED the window stays as the last-contact marker until the contact horizon ends, then it is
 * deleted and tombstoned.
 */
public final class WindowTrackerProcessor implements Processor<String, InstagramEvent, String, ConversationWindow> {

    private static final int EXPIRY_BATCH = 10_000;

    private final String windowStore;
    private final String deadlineStore;
    private final WindowMath math;
    private final Duration expiryInterval;
    private ProcessorContext<String, ConversationWindow> context;
    private WindowBook book;

    public WindowTrackerProcessor(String windowStore, String deadlineStore, WindowRules rules,
                                  Duration expiryInterval) {
        this.windowStore = windowStore;
        this.deadlineStore = deadlineStore;
        this.math = new WindowMath(rules);
        this.expiryInterval = expiryInterval;
    }

    @Override
    public void init(ProcessorContext<String, ConversationWindow> context) {
        this.context = context;
        this.book = new WindowBook(context.getStateStore(windowStore),
                new ExpiryIndex(context.getStateStore(deadlineStore)), math);
        context.schedule(expiryInterval, PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, InstagramEvent> record) {
        InstagramEvent event = record.value();
        if (event == null) {
            return;
        }
        Optional<WindowTrigger> trigger = WindowTriggers.of(event);
        if (trigger.isEmpty()) {
            return;
        }
        Instant now = Instant.ofEpochMilli(Math.max(record.timestamp(), event.getReceivedAt().toEpochMilli()));
        ConversationWindow current = book.get(event.getIgsid());
        ConversationWindow next = math.extend(current, event.getIgsid(), event.getIgAccountId(),
                event.getChannelId(), MetaTimeRange.effective(event), trigger.get(), now);
        if (!math.contacted(next, now) || next.equals(current)) {
            return;
        }
        book.put(current, next, now);
        context.forward(new Record<>(next.getIgsid(), next, now.toEpochMilli()));
    }

    private void expire(long nowMillis) {
        Instant now = Instant.ofEpochMilli(nowMillis);
        for (ExpiryIndex.Due due : book.deadlines().takeDue(nowMillis, EXPIRY_BATCH)) {
            ConversationWindow window = book.get(due.ownerKey());
            if (window == null) {
                continue;
            }
            if (!math.contacted(window, now)) {
                book.delete(window.getIgsid());
                context.forward(new Record<>(window.getIgsid(), null, nowMillis));
                continue;
            }
            WindowState state = math.stateAt(window, now);
            ConversationWindow next = ConversationWindow.newBuilder(window).setState(state).setUpdatedAt(now).build();
            book.refile(next, now);
            if (state != window.getState()) {
                context.forward(new Record<>(next.getIgsid(), next, nowMillis));
            }
        }
    }
}
