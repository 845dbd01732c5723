package io.igrelay.processor.windows;

import io.igrelay.avro.ConversationWindow;
import io.igrelay.processor.state.ExpiryIndex;
import java.time.Instant;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The windows store together with its deadline index: every write files the window under its next deadline and
 * withdraws the entries the previous version could have been filed under, so expiry is a range scan and the
 * index never grows beyond one live entry per window.
 */
public final class WindowBook {

    private final KeyValueStore<String, ConversationWindow> windows;
    private final ExpiryIndex deadlines;
    private final WindowMath math;

    public WindowBook(KeyValueStore<String, ConversationWindow> windows, ExpiryIndex deadlines, WindowMath math) {
        this.windows = windows;
        this.deadlines = deadlines;
        this.math = math;
    }

    public ConversationWindow get(String igsid) {
        return windows.get(igsid);
    }

    public void put(ConversationWindow previous, ConversationWindow next, Instant now) {
        withdraw(previous);
        windows.put(next.getIgsid(), next);
        deadlines.add(math.nextDeadline(next, now).toEpochMilli(), next.getIgsid());
    }

    public boolean delete(String igsid) {
        ConversationWindow previous = windows.delete(igsid);
        withdraw(previous);
        return previous != null;
    }

    private void withdraw(ConversationWindow previous) {
        if (previous == null) {
            return;
        }
        String igsid = previous.getIgsid();
        deadlines.remove(previous.getResponseUntil().toEpochMilli(), igsid);
        deadlines.remove(previous.getHumanAgentUntil().toEpochMilli(), igsid);
        deadlines.remove(math.contactUntil(previous).toEpochMilli(), igsid);
    }

    public ExpiryIndex deadlines() {
        return deadlines;
    }

    public WindowMath math() {
        return math;
    }
}
