package io.igrelay.dispatcher.webhooks.delivery;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiPredicate;

/*
 * Which (webhook, eventId) pairs already got a 2xx: the successes of the last moments, remembered here at once
 * (before the attempt log echoes them back), and everything older in the attempt log's store. It is what makes
 * re-reading the queue after a restart, or the catch-up after a re-enable, send nothing twice. The in-memory part is
 * bounded (the oldest pairs are forgotten first; the store still has them), so memory does not grow with history.
 * Manual retries and replays ignore it on purpose.
 */
public final class DeliveredSet {

    private final Map<String, Boolean> recent;
    private final BiPredicate<String, String> older;

    /** Only the recent part (tests). */
    public DeliveredSet(int capacity) {
        this(capacity, (webhookId, eventId) -> false);
    }

    /** {@code older}: the attempt log's answer for pairs no longer (or not yet) remembered here. */
    public DeliveredSet(int capacity, BiPredicate<String, String> older) {
        this.older = older;
        this.recent = new LinkedHashMap<>(4096, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    public void add(String webhookId, String eventId) {
        synchronized (recent) {
            recent.put(webhookId + "|" + eventId, Boolean.TRUE);
        }
    }

    public boolean contains(String webhookId, String eventId) {
        synchronized (recent) {
            if (recent.containsKey(webhookId + "|" + eventId)) {
                return true;
            }
        }
        return older.test(webhookId, eventId);
    }
}
