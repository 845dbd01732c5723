package io.igrelay.dispatcher.webhooks.routing;

import io.igrelay.avro.DeliveryState;
import io.igrelay.schemas.contract.StatusMachine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/*
 * Keeps MessageStatus webhooks one-way by the shared StatusMachine: per message id the last status passed on; a
 * duplicate or a lower status arriving late is dropped, nothing follows `failed`/`rejected`, and a status whose
 * `enqueued` was never seen is preceded by a synthesised `enqueued` (same eventId as the real one would have), so
 * a customer never sees a status before its message's first one. Bounded: the oldest messages are forgotten first.
 */
public final class StatusGate {

    /** One status change to publish, with the status it moves from. */
    public record Transition(DeliveryState status, Optional<DeliveryState> previous, boolean synthetic) {
    }

    private final Map<String, DeliveryState> last;

    public StatusGate(int maxMessages) {
        this.last = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, DeliveryState> eldest) {
                return size() > maxMessages;
            }
        };
    }

    /** The transitions to publish for this status record (empty when it is a duplicate or goes backwards). */
    public synchronized List<Transition> accept(String messageId, DeliveryState status) {
        DeliveryState current = last.get(messageId);
        List<Transition> out = new ArrayList<>(2);
        if (current == null) {
            if (status != DeliveryState.ENQUEUED) {
                out.add(new Transition(DeliveryState.ENQUEUED, Optional.empty(), true));
                current = DeliveryState.ENQUEUED;
            }
        } else if (!advances(current, status)) {
            return List.of();
        }
        out.add(new Transition(status, Optional.ofNullable(current), false));
        last.put(messageId, status);
        return out;
    }

    /** Restores what an earlier run already published (read back from the queue at start-up). */
    public synchronized void remember(String messageId, DeliveryState status) {
        DeliveryState current = last.get(messageId);
        if (current == null || advances(current, status)) {
            last.put(messageId, status);
        }
    }

    static boolean advances(DeliveryState current, DeliveryState next) {
        return StatusMachine.accepts(current, next);
    }
}
