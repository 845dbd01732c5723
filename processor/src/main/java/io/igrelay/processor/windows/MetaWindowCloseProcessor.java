package io.igrelay.processor.windows;

import io.igrelay.avro.ConversationWindow;
import io.igrelay.avro.DeliveryState;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.WindowState;
import io.igrelay.processor.state.ExpiryIndex;
import io.igrelay.schemas.contract.HubErrorCode;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Meta wins (contract §6.2): when the dispatcher reports failed/WINDOW_CLOSED (Meta answered a window error), the
 * window closes at the call's decision time, but only if no user action came after that time: a user message that
 * raced the failed call keeps the window open.
 */
public final class MetaWindowCloseProcessor implements Processor<String, MessageStatus, String, ConversationWindow> {

    private static final String WINDOW_CLOSED = HubErrorCode.WINDOW_CLOSED.name();

    private final String windowStore;
    private final String deadlineStore;
    private final WindowMath math;
    private ProcessorContext<String, ConversationWindow> context;
    private WindowBook book;

    public MetaWindowCloseProcessor(String windowStore, String deadlineStore, WindowRules rules) {
        this.windowStore = windowStore;
        this.deadlineStore = deadlineStore;
        this.math = new WindowMath(rules);
    }

    @Override
    public void init(ProcessorContext<String, ConversationWindow> context) {
        this.context = context;
        this.book = new WindowBook(context.getStateStore(windowStore),
                new ExpiryIndex(context.getStateStore(deadlineStore)), math);
    }

    @Override
    public void process(Record<String, MessageStatus> record) {
        MessageStatus status = record.value();
        if (status == null || status.getStatus() != DeliveryState.FAILED
                || !WINDOW_CLOSED.equals(status.getErrorCode()) || status.getDecisionTime() == null) {
            return;
        }
        ConversationWindow window = book.get(status.getTo());
        Instant decidedAt = status.getDecisionTime();
        if (window == null || !window.getLastUserActionAt().isBefore(decidedAt)
                || window.getClosedByMetaAt() != null) {
            return;
        }
        Instant now = Instant.ofEpochMilli(record.timestamp());
        ConversationWindow closed = ConversationWindow.newBuilder(window).setClosedByMetaAt(decidedAt)
                .setState(WindowState.CLOSED).setUpdatedAt(now).build();
        book.put(window, closed, now);
        context.forward(new Record<>(closed.getIgsid(), closed, record.timestamp()));
    }
}
