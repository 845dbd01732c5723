package io.igrelay.processor.windows;

import io.igrelay.avro.ConversationWindow;
import io.igrelay.processor.state.ExpiryIndex;
import java.time.Instant;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The windows store together with its deadline index, so expiry is a range scan. The index is lazy: it holds, for
 * every window, an entry at or before the window's next deadline. A user action only moves deadlines later, so an
 * extension writes the window and nothing else (no index tombstone and re-filing per message, which was most of
 * the processor's changelog traffic); when an entry falls due the expiry re-checks the window and, if nothing
 * changed state yet, files it again under its real next deadline ({@link #refile}). Only a change that brings the
 * next deadline forward adds an entry; a window has at most a couple of entries at a time.
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

    /** Writes a window changed by an event; files it only if no existing entry is due early enough. */
    public void put(ConversationWindow previous, ConversationWindow next, Instant now) {
        windows.put(next.getIgsid(), next);
        Instant due = math.nextDeadline(next, now);
        if (previous == null || due.isBefore(math.nextDeadline(previous, now))) {
            deadlines.add(due.toEpochMilli(), next.getIgsid());
        }
    }

    /** Writes a window whose index entry has just been taken (it fell due) and files it under its next deadline. */
    public void refile(ConversationWindow next, Instant now) {
        windows.put(next.getIgsid(), next);
        deadlines.add(math.nextDeadline(next, now).toEpochMilli(), next.getIgsid());
    }

    public boolean delete(String igsid) {
        ConversationWindow previous = windows.delete(igsid);
        withdraw(previous);
        return previous != null;
    }

    /** Best effort: entries filed for older versions stay and are skipped when they fall due (no window). */
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
