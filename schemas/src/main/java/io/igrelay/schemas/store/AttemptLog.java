package io.igrelay.schemas.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;

/*
 * The Application-webhook attempt log (hub.webhook.log) as an indexed table of the local store, for the ingress's log
 * queries and the dispatcher's retries, replays and "no second delivery": rows by webhook and send time (newest-first
 * pages with `total`, filtered by status, time and message id in the store), by log id, by (webhook, event) delivered,
 * by (job, queue position) delivered. Applying a log record also records its topic offset, so a restart reads only
 * what came after; rows older than the retention are purged by purge(), and never written. A log that only retries
 * and replays (the dispatcher's: {@link #positionsOnly}) keeps the queue positions and what was delivered, without the
 * attempt bodies, the message index and the counters that only the log queries read: half the writes per attempt.
 */
public final class AttemptLog {

    /** One attempt as the log topic carries it, with the fields the indexes need; {@code json} is kept as it is. */
    public record Attempt(String id, String webhookId, String eventId, String messageId, boolean success,
                          Instant sendAt, int queuePartition, long queueOffset, Optional<String> jobId, byte[] json) {
    }

    /** A stored row. */
    public record Row(String id, String webhookId, boolean success, Instant sendAt, int queuePartition,
                      long queueOffset, byte[] json) {
    }

    /** The filters of a log query; empty ones do not filter. */
    public record Filter(Optional<Boolean> success, Optional<Instant> from, Optional<Instant> to,
                         Optional<String> messageId) {

        public static final Filter NONE = new Filter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** One page, newest first, and how many rows matched in all. */
    public record Page(List<Row> rows, long total) {
    }

    /** A queue position (partition, offset) of a logged event. */
    public record Position(int partition, long offset) {
    }

    private static final long MAX_MS = Long.MAX_VALUE / 4;
    static final int RECENT_IDS = 10_000;

    private final LocalStore store;
    private final Duration retention;
    private final Clock clock;
    private final AttemptCounts counts;
    private final boolean rows;
    /** The next offset to apply per partition: the store's positions, kept here so that no apply reads them. */
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
    private final Map<String, Boolean> recentIds = new LinkedHashMap<>(RECENT_IDS, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RECENT_IDS;
        }
    };

    /** The whole log: queries, pages and totals as well as positions and deliveries. */
    public AttemptLog(LocalStore store, Duration retention, Clock clock) {
        this(store, retention, clock, true);
    }

    private AttemptLog(LocalStore store, Duration retention, Clock clock, boolean rows) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
        this.counts = new AttemptCounts(store);
        this.rows = rows;
    }

    /** A log for retries and replays: positions, delivered events, jobs and {@link #get}; {@link #query} refuses. */
    public static AttemptLog positionsOnly(LocalStore store, Duration retention, Clock clock) {
        return new AttemptLog(store, retention, clock, false);
    }

    static int status(Boolean success) {
        return success == null ? 0 : success ? 1 : 2;
    }

    static byte[] rowPrefix(String webhookId, int status) {
        return status == 0 ? Key.of('A').str(webhookId).bytes() : Key.of('S').str(webhookId).u8(status).bytes();
    }

    /** The next offset to read per partition of the log topic. */
    public Map<TopicPartition, Long> positions(String topic) {
        return store.positions(topic);
    }

    /**
     * Applies the attempt read at {@code offset} of {@code source}; applying the same attempt again changes nothing.
     * Neither check reads the store: a record at or before the position already applied is skipped by its offset, and
     * the same attempt written twice (a producer's retry lands next to the first copy) by the ids of the last
     * {@value #RECENT_IDS} attempts. Point reads of keys that are not there grew from 50 to 460 µs an attempt over a
     * 300,000-attempt history (docs/performance.md), which bounded the whole hub.
     */
    public synchronized void apply(Attempt a, TopicPartition source, long offset) {
        if (offset < next(source)) {
            return;
        }
        LocalStore.Batch batch = store.batch().position(source, offset + 1);
        long ms = a.sendAt().toEpochMilli();
        if (ms >= cutoff(clock.instant()) && recentIds.put(a.id(), Boolean.TRUE) == null) {
            AttemptRows.add(batch, a, ms, Key.of('I').str(a.id()).bytes(), rows);
        }
        store.write(batch);
        nextOffsets.put(source, offset + 1);
    }

    private long next(TopicPartition source) {
        return nextOffsets.computeIfAbsent(source, tp -> store.positions(tp.topic()).getOrDefault(tp, 0L));
    }

    /** Records that the record at {@code offset} was read without a row (it was dead-lettered). */
    public synchronized void skip(TopicPartition source, long offset) {
        store.write(store.batch().position(source, offset + 1));
        nextOffsets.put(source, Math.max(next(source), offset + 1));
    }

    /** The attempt with this log id; in a positions-only log its row carries no body ({@code json} is empty). */
    public Optional<Row> get(String logId) {
        return store.get(Key.of('I').str(logId).bytes()).flatMap(value -> {
            Key.Reader index = new Key.Reader(value, 0);
            String webhookId = index.str();
            long ms = index.i64();
            return store.get(Key.of('A').str(webhookId).i64(ms).str(logId).bytes())
                    .map(row -> AttemptRows.row(logId, webhookId, ms, row));
        });
    }

    /** The page at {@code offset} (newest first) of the webhook's rows that match, and their total. */
    public Page query(String webhookId, Filter filter, int offset, int limit) {
        requireRows();
        long from = Math.max(0, filter.from().map(Instant::toEpochMilli).orElse(0L));
        long to = Math.min(MAX_MS, filter.to().map(Instant::toEpochMilli).orElse(MAX_MS));
        int status = status(filter.success().orElse(null));
        if (filter.messageId().isPresent()) {
            return byMessage(webhookId, filter.messageId().get(), status, from, to, offset, limit);
        }
        long total = counts.count(webhookId, status, from, to);
        if (offset >= total || to < from) {
            return new Page(List.of(), total);
        }
        AttemptCounts.Start start = counts.locate(webhookId, status, from, to, offset);
        byte[] prefix = rowPrefix(webhookId, status);
        List<Row> rows = new ArrayList<>(limit);
        long[] skip = {start.skip()};
        store.scan(Key.from(prefix).i64(from).bytes(), Key.from(prefix).i64(start.upperMs() + 1).bytes(), true,
                (key, value) -> {
                    if (skip[0] > 0) {
                        skip[0]--;
                        return true;
                    }
                    rows.add(rowAt(webhookId, status, prefix, key, value));
                    return rows.size() < limit;
                });
        return new Page(rows, total);
    }

    private Page byMessage(String webhookId, String messageId, int status, long from, long to, int offset,
                           int limit) {
        byte[] prefix = Key.of('M').str(webhookId).str(messageId).bytes();
        List<Row> matched = new ArrayList<>();
        store.scan(Key.from(prefix).i64(from).bytes(), Key.from(prefix).i64(to + 1).bytes(), true, (key, v) -> {
            Key.Reader reader = new Key.Reader(key, prefix.length);
            long ms = reader.i64();
            String id = reader.str();
            store.get(Key.of('A').str(webhookId).i64(ms).str(id).bytes())
                    .map(row -> AttemptRows.row(id, webhookId, ms, row))
                    .filter(row -> status == 0 || row.success() == (status == 1))
                    .ifPresent(matched::add);
            return true;
        });
        int first = Math.min(offset, matched.size());
        return new Page(List.copyOf(matched.subList(first, Math.min(matched.size(), first + limit))),
                matched.size());
    }

    private Row rowAt(String webhookId, int status, byte[] prefix, byte[] key, byte[] value) {
        Key.Reader reader = new Key.Reader(key, prefix.length);
        long ms = reader.i64();
        String id = reader.str();
        byte[] row = status == 0 ? value : store.get(Key.of('A').str(webhookId).i64(ms).str(id).bytes())
                .orElseThrow(() -> new IllegalStateException("attempt index without its row: " + id));
        return AttemptRows.row(id, webhookId, ms, row);
    }

    /** The queue positions of the webhook's attempts sent in [from, to] (with the status, if given), time order. */
    public void positions(String webhookId, Instant from, Instant to, Optional<Boolean> success,
                          Consumer<Position> sink) {
        byte[] prefix = rowPrefix(webhookId, status(success.orElse(null)));
        long upper = Math.min(MAX_MS, to.toEpochMilli()) + 1;
        store.scan(Key.from(prefix).i64(Math.max(0, from.toEpochMilli())).bytes(), Key.from(prefix).i64(upper).bytes(),
                false, (key, value) -> {
                    Position position = AttemptRows.position(value);
                    if (position.partition() >= 0) {
                        sink.accept(position);
                    }
                    return true;
                });
    }

    /** Whether the webhook got this event with a 2xx within the retention. */
    public boolean delivered(String webhookId, String eventId) {
        return store.contains(Key.of('D').str(webhookId).str(eventId).bytes());
    }

    /** Whether retry/replay job {@code jobId} delivered the queue position with a 2xx. */
    public boolean deliveredBy(String jobId, int partition, long offset) {
        return store.contains(Key.of('J').str(jobId).i32(partition).i64(offset).bytes());
    }

    /** Deletes every row sent before the retention; returns how many. */
    public int purge(Instant now) {
        long cutoff = cutoff(now);
        int[] purged = {0};
        List<byte[][]> due = new ArrayList<>();
        do {
            due.clear();
            store.scan(Key.of('T').i64(Long.MIN_VALUE).bytes(), Key.of('T').i64(cutoff).bytes(), false, (key, v) -> {
                due.add(new byte[][] {key, v});
                return due.size() < 1000;
            });
            LocalStore.Batch batch = store.batch();
            for (byte[][] entry : due) {
                AttemptRows.remove(batch, store, entry[0], entry[1], cutoff, rows);
            }
            store.write(batch);
            purged[0] += due.size();
        } while (due.size() == 1000);
        return purged[0];
    }

    private void requireRows() {
        if (!rows) {
            throw new UnsupportedOperationException("this attempt log keeps queue positions only, not rows to query");
        }
    }

    /** Times before this are past the retention (whole seconds, so a second's rows go together). */
    private long cutoff(Instant now) {
        return Math.floorDiv(now.minus(retention).toEpochMilli(), AttemptCounts.SECOND) * AttemptCounts.SECOND;
    }
}
