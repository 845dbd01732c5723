package io.igrelay.dispatcher.webhooks.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

/*
 * Which (webhook, eventId) pairs already got a 2xx, filled from the attempt log at start-up and by every success.
 * It is what makes re-reading the queue after a restart, or the catch-up after a re-enable, send nothing twice.
 * Bounded: the oldest pairs are forgotten first. Manual retries and replays ignore it on purpose.
 */
public final class DeliveredSet {

    private final Map<String, Boolean> seen;

    public DeliveredSet(int capacity) {
        this.seen = new LinkedHashMap<>(4096, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized void add(String webhookId, String eventId) {
        seen.put(webhookId + "|" + eventId, Boolean.TRUE);
    }

    public synchronized boolean contains(String webhookId, String eventId) {
        return seen.containsKey(webhookId + "|" + eventId);
    }
}
