package io.igrelay.dispatcher.limit;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/*
 * Pauses an account Meta restricted (368 "temporarily blocked for policies violations", 10/1893063 "temporarily
 * restricted from sending messages"): once one send
 * came back restricted, the account's next sends fail at once, without a call, until the pause ends; further calls
 * would only fail the same way and keep the block alive. Meta documents the recovery as "wait and retry"
 * (https://developers.facebook.com/docs/graph-api/guides/error-handling) but not for how long, so the pause is a
 * setting. ig.outbound.dispatch is partitioned by account, so the instance that pauses an account owns its sends.
 */
public final class RestrictionGate {

    private final Duration pause;
    private final Map<String, Instant> restrictedUntil = new ConcurrentHashMap<>();

    public RestrictionGate(Duration pause) {
        this.pause = pause;
    }

    /** Meta answered a send of {@code account} with a restriction at {@code now}. */
    public Instant restrict(String account, Instant now) {
        Instant until = now.plus(pause);
        restrictedUntil.merge(account, until, (a, b) -> a.isAfter(b) ? a : b);
        return restrictedUntil.get(account);
    }

    /** Until when the account's sends fail without a call; empty when it may send. */
    public Optional<Instant> restrictedUntil(String account, Instant now) {
        Instant until = restrictedUntil.get(account);
        if (until == null) {
            return Optional.empty();
        }
        if (!now.isBefore(until)) {
            restrictedUntil.remove(account, until);
            return Optional.empty();
        }
        return Optional.of(until);
    }
}
