package io.igrelay.ingress.meta.intake;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes all unfinished webhook bodies may hold together beyond their first {@link #FREE_BYTES} (Meta's
 * deliveries are almost always smaller, so they never wait on it). A flood of large bodies that stall is refused
 * once the budget is spent instead of holding the heap: memory stays under connections x 64 KiB + the budget.
 */
final class BodyBudget {

    static final int FREE_BYTES = 64 * 1024;

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    BodyBudget(long limit) {
        this.limit = limit;
    }

    /** Takes {@code bytes} from the budget; false (nothing taken) when that would overspend it. */
    boolean take(long bytes) {
        long after = used.addAndGet(bytes);
        if (after > limit) {
            used.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    void give(long bytes) {
        used.addAndGet(-bytes);
    }

    long used() {
        return used.get();
    }
}
