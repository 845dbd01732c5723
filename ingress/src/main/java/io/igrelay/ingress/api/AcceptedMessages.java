package io.igrelay.ingress.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Messages this replica accepted recently. The processor's status table learns of a message only after it read
 * ig.outbound.requests / ig.message.status, so a GET right after the 202 is answered {@code enqueued} from here
 * instead of 404 (contract §5.2). Bounded by count and age; the processor's answer wins whenever it has one.
 */
public final class AcceptedMessages {

    /** One accepted message: whose it is and when it was acknowledged by Kafka. */
    public record Accepted(String messageId, String applicationId, Instant acceptedAt) {
    }

    private final Clock clock;
    private final Duration maxAge;
    private final int maxEntries;
    private final LinkedHashMap<String, Accepted> byId = new LinkedHashMap<>();

    public AcceptedMessages(Clock clock, Duration maxAge, int maxEntries) {
        this.clock = clock;
        this.maxAge = maxAge;
        this.maxEntries = maxEntries;
    }

    public synchronized void remember(String messageId, String applicationId) {
        byId.put(messageId, new Accepted(messageId, applicationId, clock.instant()));
        evict();
    }

    public synchronized Optional<Accepted> find(String messageId) {
        evict();
        return Optional.ofNullable(byId.get(messageId));
    }

    private void evict() {
        Instant oldest = clock.instant().minus(maxAge);
        Iterator<Map.Entry<String, Accepted>> it = byId.entrySet().iterator();
        while (it.hasNext()) {
            Accepted next = it.next().getValue();
            if (byId.size() > maxEntries || next.acceptedAt().isBefore(oldest)) {
                it.remove();
            } else {
                break;
            }
        }
    }
}
