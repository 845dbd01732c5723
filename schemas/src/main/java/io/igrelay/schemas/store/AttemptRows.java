package io.igrelay.schemas.store;

import java.time.Instant;

/*
 * The keys one attempt occupies in the local store, written together and removed together, so that no index ever
 * points at a purged row and the counters always equal the rows: the row (A), its status index (S), its log id (I),
 * its message (M), its place in time for the purge (T), the per-second and per-hour counters (C, H), and for a
 * success the (webhook, event) and (job, position) it delivered (D, J). Without rows (a positions-only log) the row
 * holds no body and the message index and counters are not written; removing such an attempt deletes what a full
 * row would have had, so a store that once kept rows is emptied the same way.
 */
final class AttemptRows {

    private AttemptRows() {
    }

    static void add(LocalStore.Batch batch, AttemptLog.Attempt a, long ms, byte[] idKey, boolean rows) {
        int status = AttemptLog.status(a.success());
        String messageId = a.messageId() == null ? "" : a.messageId();
        String jobId = a.jobId().orElse("");
        byte[] summary = Key.empty().u8(status).i32(a.queuePartition()).i64(a.queueOffset()).bytes();
        batch.put(Key.of('A').str(a.webhookId()).i64(ms).str(a.id()).bytes(),
                rows ? Key.from(summary).raw(a.json()).bytes() : summary);
        batch.put(Key.of('S').str(a.webhookId()).u8(status).i64(ms).str(a.id()).bytes(), summary);
        batch.put(idKey, Key.empty().str(a.webhookId()).i64(ms).u8(status).bytes());
        batch.put(Key.of('T').i64(ms).str(a.id()).bytes(), Key.empty().str(a.webhookId()).u8(status).str(messageId)
                .str(a.eventId()).str(jobId).bytes());
        if (rows) {
            batch.put(Key.of('M').str(a.webhookId()).str(messageId).i64(ms).str(a.id()).bytes(), new byte[0]);
            for (int s : new int[] {0, status}) {
                batch.add(AttemptCounts.secondKey(a.webhookId(), s, ms), 1);
                batch.add(AttemptCounts.hourKey(a.webhookId(), s, ms), 1);
            }
        }
        if (a.success()) {
            // the latest success applied wins, without reading the one before: two successes of one event to one
            // webhook land in the log out of send order only within the answer limit (seconds), so its mark may be
            // purged that much early at the end of the retention
            batch.put(Key.of('D').str(a.webhookId()).str(a.eventId()).bytes(), Key.number(ms));
            if (!jobId.isEmpty() && a.queuePartition() >= 0) {
                batch.put(Key.of('J').str(jobId).i32(a.queuePartition()).i64(a.queueOffset()).bytes(),
                        Key.number(ms));
            }
        }
    }

    /** Removes the attempt whose time-index entry is {@code timeKey} (value {@code timeValue}). */
    static void remove(LocalStore.Batch batch, LocalStore store, byte[] timeKey, byte[] timeValue, long cutoff,
                       boolean rows) {
        Key.Reader key = new Key.Reader(timeKey, 1);
        long ms = key.i64();
        String id = key.str();
        Key.Reader value = new Key.Reader(timeValue, 0);
        String webhookId = value.str();
        int status = value.u8();
        String messageId = value.str();
        String eventId = value.str();
        String jobId = value.str();
        byte[] row = Key.of('A').str(webhookId).i64(ms).str(id).bytes();
        AttemptLog.Position position = store.get(row).map(AttemptRows::position)
                .orElse(new AttemptLog.Position(-1, -1));
        batch.delete(row);
        batch.delete(Key.of('S').str(webhookId).u8(status).i64(ms).str(id).bytes());
        batch.delete(Key.of('I').str(id).bytes());
        batch.delete(Key.of('M').str(webhookId).str(messageId).i64(ms).str(id).bytes());
        batch.delete(timeKey);
        boolean wholeHourGone = (Math.floorDiv(ms, AttemptCounts.HOUR) + 1) * AttemptCounts.HOUR <= cutoff;
        for (int s : new int[] {0, status}) {
            batch.delete(AttemptCounts.secondKey(webhookId, s, ms)); // the cutoff takes whole seconds
            if (wholeHourGone) {
                batch.delete(AttemptCounts.hourKey(webhookId, s, ms));
            } else if (rows) {
                batch.add(AttemptCounts.hourKey(webhookId, s, ms), -1);
            }
        }
        if (status == 1) {
            deleteIfOlder(batch, store, Key.of('D').str(webhookId).str(eventId).bytes(), cutoff);
            if (!jobId.isEmpty() && position.partition() >= 0) {
                deleteIfOlder(batch, store, Key.of('J').str(jobId).i32(position.partition())
                        .i64(position.offset()).bytes(), cutoff);
            }
        }
    }

    private static void deleteIfOlder(LocalStore.Batch batch, LocalStore store, byte[] key, long cutoff) {
        if (store.get(key).map(Key::number).orElse(Long.MAX_VALUE) < cutoff) {
            batch.delete(key);
        }
    }

    /** Status, partition and offset at the head of a row or status-index value. */
    static AttemptLog.Position position(byte[] value) {
        Key.Reader reader = new Key.Reader(value, 1);
        return new AttemptLog.Position(reader.i32(), reader.i64());
    }

    static AttemptLog.Row row(String id, String webhookId, long ms, byte[] value) {
        Key.Reader reader = new Key.Reader(value, 0);
        boolean success = reader.u8() == 1;
        int partition = reader.i32();
        long offset = reader.i64();
        return new AttemptLog.Row(id, webhookId, success, Instant.ofEpochMilli(ms), partition, offset, reader.rest());
    }
}
