package io.igrelay.dispatcher.webhooks.delivery;

/*
 * Where one webhook's delivery stands, and every move between the states (the only place they change):
 * ACTIVE sends live events; CATCHING_UP re-sends what it missed and holds live events until the replay ends;
 * PARKED keeps one failing probe after too much piled up (live events are let go, they stay on the queue);
 * DISABLED sends nothing until hub.webhooks enables it again. Disabling wins over every other state. A move that
 * cannot happen from the current state (re-enabling what is not disabled, parking what is disabled) is a bug in the
 * caller and throws IllegalStateException naming both states.
 */
enum EndpointState {
    ACTIVE, CATCHING_UP, PARKED, DISABLED;

    /** Whether live queue records are fanned out to the webhook. */
    boolean takesLive() {
        return this == ACTIVE || this == CATCHING_UP;
    }

    /** Whether live events wait behind a catch-up replay instead of going to the lanes. */
    boolean holdsLive() {
        return this == CATCHING_UP;
    }

    /** hub.webhooks (or the retry policy) disabled it. */
    EndpointState disabled() {
        return DISABLED;
    }

    /** hub.webhooks enabled it again: it catches up from where it was let go. Only a disabled webhook is. */
    EndpointState reEnabled() {
        if (this != DISABLED) {
            throw illegal("re-enable", "DISABLED");
        }
        return CATCHING_UP;
    }

    /** A catch-up replay ended: live events flow again (a replay that ends while parked or disabled changes nothing). */
    EndpointState caughtUp() {
        return this == CATCHING_UP ? ACTIVE : this;
    }

    /** A failing webhook piled up more than its share (a disabled one holds nothing, so it never parks). */
    EndpointState parked() {
        if (this == DISABLED) {
            throw illegal("park", "ACTIVE, CATCHING_UP or PARKED");
        }
        return PARKED;
    }

    /** The parked webhook's probe succeeded: it catches up on what was let go. */
    EndpointState probeAnswered() {
        return this == PARKED ? CATCHING_UP : this;
    }

    private IllegalStateException illegal(String move, String legalFrom) {
        return new IllegalStateException("cannot " + move + " a webhook that is " + this + " (only from " + legalFrom
                + ")");
    }
}
