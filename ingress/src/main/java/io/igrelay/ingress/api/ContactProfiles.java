package io.igrelay.ingress.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Contact profiles kept for a while per channel and IGSID, so a dashboard or an Application reading the same contact
 * again does not call Meta each time (Meta's profile picture URL itself expires after a few days). Bounded: past
 * {@code maxEntries}, expired entries are dropped, then everything. Failures are never kept.
 */
public final class ContactProfiles {

    /** How long a profile is served from memory. */
    public static final Duration TTL = Duration.ofHours(1);

    private record Entry(JsonObject profile, Instant expires) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxEntries;

    public ContactProfiles(Clock clock, int maxEntries) {
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    /** The kept profile of {@code igsid} on {@code channelId}, or the one {@code fetch} brings (then kept). */
    public Future<JsonObject> get(String channelId, String igsid, Supplier<Future<JsonObject>> fetch) {
        String key = channelId + "|" + igsid;
        Instant now = clock.instant();
        Entry entry = entries.get(key);
        if (entry != null && now.isBefore(entry.expires())) {
            return Future.succeededFuture(entry.profile().copy());
        }
        return fetch.get().onSuccess(profile -> {
            if (entries.size() >= maxEntries) {
                entries.values().removeIf(e -> !now.isBefore(e.expires()));
                if (entries.size() >= maxEntries) {
                    entries.clear();
                }
            }
            entries.put(key, new Entry(profile.copy(), now.plus(TTL)));
        });
    }
}
