package io.igrelay.dispatcher.send;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/*
 * The outcome writes Kafka has not acknowledged yet (contract §6.3, "ledger before commit"). A worker registers the
 * future of its outcome's records and returns at once; the parallel consumer's commit first waits here for every
 * write registered before it, so no offset is committed ahead of its ledger record and status. A refused write is
 * sent again by OutcomeWriter and stays pending meanwhile (the commit is skipped, not failed). A write that failed
 * for good (only when the writer is closing) fails this and every later wait: nothing is committed past it, as after
 * a crash, and the ledger (not the lost write) decides what is sent again.
 */
public final class PendingWrites {

    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    public void track(CompletableFuture<?> write) {
        pending.add(write);
        write.whenComplete((ok, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
            pending.remove(write);
        });
    }

    /**
     * Returns once every write registered before the call is acknowledged; throws if any write ever failed, or if
     * they are not all acknowledged within {@code timeout}.
     */
    public void awaitWritten(Duration timeout) throws TimeoutException, InterruptedException {
        List<CompletableFuture<?>> snapshot = List.copyOf(pending);
        try {
            CompletableFuture.allOf(snapshot.toArray(new CompletableFuture<?>[0]))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            failure.compareAndSet(null, e.getCause());
        }
        Throwable failed = failure.get();
        if (failed != null) {
            throw new OutcomeWriter.OutcomeNotRecordedException(failed);
        }
    }

    /** Writes registered and not yet acknowledged. */
    public int size() {
        return pending.size();
    }

    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }
}
