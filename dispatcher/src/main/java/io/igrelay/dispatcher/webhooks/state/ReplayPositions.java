package io.igrelay.dispatcher.webhooks.state;

import io.igrelay.dispatcher.webhooks.delivery.JobTargets;
import io.igrelay.schemas.store.AttemptLog;
import io.igrelay.schemas.store.Key;
import io.igrelay.schemas.store.LocalStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

/*
 * The positions a replay job re-sends, collected from the attempt log into the local store (key = job, partition,
 * offset), so they come out distinct and in queue order without holding them on the heap however many attempts the
 * replay matches. The job's entries are deleted when it ends; entries left by a stopped process are cleared at start.
 */
public final class ReplayPositions {

    private static final int BATCH = 10_000;

    private final LocalStore store;

    public ReplayPositions(LocalStore store) {
        this.store = store;
        byte[] all = Key.of('R').bytes();
        store.write(store.batch().deleteRange(all, Key.after(all)));
    }

    /**
     * Collects what {@code source} lists for job {@code jobId}, leaving out the positions {@code skip} accepts
     * (for a resumed job: what it delivered before); {@code skipped} counts those, each once.
     */
    public JobTargets collect(String jobId, Consumer<Consumer<AttemptLog.Position>> source,
                              BiPredicate<Integer, Long> skip, int[] skipped) {
        List<AttemptLog.Position> pending = new ArrayList<>(BATCH);
        source.accept(position -> {
            pending.add(position);
            if (pending.size() >= BATCH) {
                write(jobId, pending);
            }
        });
        write(jobId, pending);
        Stored targets = new Stored(jobId);
        for (int partition : targets.partitions()) {
            List<Long> delivered = new ArrayList<>();
            store.scan(key(jobId, partition, Long.MIN_VALUE), key(jobId, partition + 1, Long.MIN_VALUE), false,
                    (k, v) -> {
                        long offset = new Key.Reader(k, prefix(jobId).length + 4).i64();
                        if (skip.test(partition, offset)) {
                            delivered.add(offset);
                        }
                        return true;
                    });
            LocalStore.Batch batch = store.batch();
            delivered.forEach(offset -> batch.delete(key(jobId, partition, offset)));
            store.write(batch);
            skipped[0] += delivered.size();
        }
        return targets;
    }

    private void write(String jobId, List<AttemptLog.Position> positions) {
        LocalStore.Batch batch = store.batch();
        positions.forEach(p -> batch.put(key(jobId, p.partition(), p.offset()), new byte[0]));
        store.write(batch);
        positions.clear();
    }

    private static byte[] prefix(String jobId) {
        return Key.of('R').str(jobId).bytes();
    }

    private static byte[] key(String jobId, int partition, long offset) {
        return Key.of('R').str(jobId).i32(partition).i64(offset).bytes();
    }

    /** The stored positions of one job. */
    private final class Stored implements JobTargets {
        private final String jobId;

        Stored(String jobId) {
            this.jobId = jobId;
        }

        @Override
        public int size() {
            int[] n = {0};
            store.scan(prefix(jobId), Key.after(prefix(jobId)), false, (k, v) -> ++n[0] > 0);
            return n[0];
        }

        @Override
        public List<Integer> partitions() {
            List<Integer> partitions = new ArrayList<>();
            byte[] prefix = prefix(jobId);
            byte[] from = prefix;
            Optional<Integer> next;
            while ((next = firstPartition(from)).isPresent()) {
                partitions.add(next.get());
                from = key(jobId, next.get() + 1, Long.MIN_VALUE);
            }
            return partitions;
        }

        private Optional<Integer> firstPartition(byte[] from) {
            Integer[] found = {null};
            store.scan(from, Key.after(prefix(jobId)), false, (k, v) -> {
                found[0] = new Key.Reader(k, prefix(jobId).length).i32();
                return false;
            });
            return Optional.ofNullable(found[0]);
        }

        @Override
        public long first(int partition) {
            return edge(partition, false);
        }

        @Override
        public long last(int partition) {
            return edge(partition, true);
        }

        private long edge(int partition, boolean last) {
            long[] offset = {-1};
            store.scan(key(jobId, partition, Long.MIN_VALUE), key(jobId, partition + 1, Long.MIN_VALUE), last,
                    (k, v) -> {
                        offset[0] = new Key.Reader(k, prefix(jobId).length + 4).i64();
                        return false;
                    });
            return offset[0];
        }

        @Override
        public boolean contains(int partition, long offset) {
            return store.contains(key(jobId, partition, offset));
        }

        @Override
        public void close() {
            store.write(store.batch().deleteRange(prefix(jobId), Key.after(prefix(jobId))));
        }
    }
}
