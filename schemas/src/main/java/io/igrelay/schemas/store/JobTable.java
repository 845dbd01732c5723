package io.igrelay.schemas.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BinaryOperator;
import org.apache.kafka.common.TopicPartition;

/*
 * The latest state of each webhook retry/replay job (hub.webhook.commands and hub.webhook.jobs, 7 days) in the local
 * store, so a service answers for any job without holding them all on its heap. Each side folds the records its own
 * way (a merge rule: a state never goes back); the fold is atomic per job, whether the record comes from the topic
 * (with its offset, so a restart resumes there) or from this process's own write. Jobs untouched for the retention
 * are purged.
 */
public final class JobTable {

    private final LocalStore store;
    private final Duration retention;
    private final Clock clock;

    public JobTable(LocalStore store, Duration retention, Clock clock) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
    }

    public Map<TopicPartition, Long> positions(String topic) {
        return store.positions(topic);
    }

    public Optional<byte[]> get(String jobId) {
        return store.get(key(jobId)).map(value -> new Key.Reader(value, 8).rest());
    }

    /** Folds {@code next} into the job with {@code rule(current, next)}; a record of this process's own. */
    public void merge(String jobId, byte[] next, BinaryOperator<byte[]> rule) {
        merge(jobId, next, rule, store.batch());
    }

    /** As {@link #merge(String, byte[], BinaryOperator)} for the record read at {@code offset} of {@code source}. */
    public void merge(String jobId, byte[] next, BinaryOperator<byte[]> rule, TopicPartition source, long offset) {
        merge(jobId, next, rule, store.batch().position(source, offset + 1));
    }

    /** Records that the record at {@code offset} was read without a change (dead-lettered, or without a job id). */
    public void skip(TopicPartition source, long offset) {
        store.write(store.batch().position(source, offset + 1));
    }

    private synchronized void merge(String jobId, byte[] next, BinaryOperator<byte[]> rule, LocalStore.Batch batch) {
        byte[] merged = get(jobId).map(current -> rule.apply(current, next)).orElse(next);
        long now = clock.millis();
        batch.put(key(jobId), Key.empty().i64(now).raw(merged).bytes());
        batch.put(Key.of('U').i64(now).str(jobId).bytes(), new byte[0]);
        store.write(batch);
    }

    /** Deletes the jobs not changed within the retention; returns how many. */
    public synchronized int purge(Instant now) {
        long cutoff = now.minus(retention).toEpochMilli();
        List<byte[]> due = new ArrayList<>();
        store.scan(Key.of('U').i64(Long.MIN_VALUE).bytes(), Key.of('U').i64(cutoff).bytes(), false, (key, v) -> {
            due.add(key);
            return due.size() < 10_000;
        });
        LocalStore.Batch batch = store.batch();
        int purged = 0;
        for (byte[] indexKey : due) {
            String jobId = new Key.Reader(indexKey, 9).str();
            Optional<byte[]> job = store.get(key(jobId));
            if (job.isPresent() && new Key.Reader(job.get(), 0).i64() < cutoff) {
                batch.delete(key(jobId));
                purged++;
            }
            batch.delete(indexKey);
        }
        store.write(batch);
        return purged;
    }

    private static byte[] key(String jobId) {
        return Key.of('B').str(jobId).bytes();
    }
}
