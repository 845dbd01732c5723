package io.igrelay.dispatcher.webhooks.contact;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/*
 * The contact profiles the dispatcher fetched lately, per channel and IGSID: each kept for `ttl` after it was fetched,
 * at most `capacity` of them (the least recently used goes first). Only profiles Meta gave are kept; a refusal is
 * asked again on the next event. Thread-safe (one lock; the engine's context is its only caller in practice).
 */
public final class ContactCache {

    private record Entry(JsonObject contact, Instant expires) {
    }

    private final Duration ttl;
    private final int capacity;
    private final Clock clock;
    private final Map<String, Entry> entries;

    public ContactCache(Duration ttl, int capacity, Clock clock) {
        this.ttl = ttl;
        this.capacity = capacity;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > ContactCache.this.capacity;
            }
        };
    }

    public synchronized Optional<JsonObject> get(String channelId, String igsid) {
        String key = key(channelId, igsid);
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expires())) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.contact().copy());
    }

    public synchronized void put(String channelId, String igsid, JsonObject contact) {
        entries.put(key(channelId, igsid), new Entry(contact.copy(), clock.instant().plus(ttl)));
    }

    public synchronized int size() {
        return entries.size();
    }

    private static String key(String channelId, String igsid) {
        return channelId + "/" + igsid;
    }
}
