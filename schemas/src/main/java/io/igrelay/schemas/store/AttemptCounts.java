package io.igrelay.schemas.store;

/*
 * Counts and skips attempt-log rows without reading them one by one, so a page deep in a webhook's 30 days and the
 * page's `total` cost the same as the first page: every row also adds one to a per-second and a per-hour counter of
 * its webhook and status. A time range is then summed from whole hours, whole seconds, and the rows of at most two
 * partial seconds; a page at offset k is found by walking the same counters from the newest end.
 */
final class AttemptCounts {

    static final long SECOND = 1000;
    static final long HOUR = 3_600_000;

    /** Where a newest-first page starts: rows at or before {@code upperMs}, after skipping {@code skip} of them. */
    record Start(long upperMs, long skip) {
    }

    private final LocalStore store;

    AttemptCounts(LocalStore store) {
        this.store = store;
    }

    static byte[] secondKey(String webhookId, int status, long ms) {
        return Key.of('C').str(webhookId).u8(status).i64(Math.floorDiv(ms, SECOND)).bytes();
    }

    static byte[] hourKey(String webhookId, int status, long ms) {
        return Key.of('H').str(webhookId).u8(status).i64(Math.floorDiv(ms, HOUR)).bytes();
    }

    /** Rows of the webhook (and status; 0 = any) sent in [fromMs, toMs]. */
    long count(String webhookId, int status, long fromMs, long toMs) {
        return toMs < fromMs ? 0 : upTo(webhookId, status, toMs) - upTo(webhookId, status, fromMs - 1);
    }

    /** Rows sent at or before {@code ms}. */
    private long upTo(String webhookId, int status, long ms) {
        long second = Math.floorDiv(ms, SECOND);
        long hour = Math.floorDiv(ms, HOUR);
        return sum('H', webhookId, status, Long.MIN_VALUE, hour)
                + sum('C', webhookId, status, hour * (HOUR / SECOND), second)
                + rows(webhookId, status, second * SECOND, ms);
    }

    /** The start of the newest-first page that skips {@code skip} rows of [fromMs, toMs]. */
    Start locate(String webhookId, int status, long fromMs, long toMs, long skip) {
        long fromSecond = Math.floorDiv(fromMs, SECOND);
        long toSecond = Math.floorDiv(toMs, SECOND);
        if (fromSecond == toSecond) {
            return new Start(toMs, skip);
        }
        long[] left = {skip};
        long top = rows(webhookId, status, toSecond * SECOND, toMs);
        if (left[0] < top) {
            return new Start(toMs, left[0]);
        }
        left[0] -= top;
        long toHour = Math.floorDiv(toSecond, HOUR / SECOND);
        long fromHour = Math.floorDiv(fromSecond, HOUR / SECOND);
        Long found = seconds(webhookId, status, Math.max(fromSecond + 1, toHour * (HOUR / SECOND)), toSecond, left);
        if (found == null && toHour > fromHour) {
            found = hours(webhookId, status, fromHour + 1, toHour, left);
            if (found == null) {
                found = seconds(webhookId, status, fromSecond + 1, (fromHour + 1) * (HOUR / SECOND), left);
            }
        }
        if (found != null) {
            return new Start(found * SECOND + SECOND - 1, left[0]);
        }
        return new Start(fromSecond * SECOND + SECOND - 1, left[0]);
    }

    /** Walks the per-second counters of [lo, hi) from the newest; the second holding the row to start at, if any. */
    private Long seconds(String webhookId, int status, long lo, long hi, long[] left) {
        Long[] found = {null};
        scanCounters('C', webhookId, status, lo, hi, (unit, n) -> {
            if (left[0] < n) {
                found[0] = unit;
                return false;
            }
            left[0] -= n;
            return true;
        });
        return found[0];
    }

    /** As {@link #seconds} over whole hours [lo, hi), descending into the hour that holds the start. */
    private Long hours(String webhookId, int status, long lo, long hi, long[] left) {
        Long[] hour = {null};
        scanCounters('H', webhookId, status, lo, hi, (unit, n) -> {
            if (left[0] < n) {
                hour[0] = unit;
                return false;
            }
            left[0] -= n;
            return true;
        });
        if (hour[0] == null) {
            return null;
        }
        return seconds(webhookId, status, hour[0] * (HOUR / SECOND), (hour[0] + 1) * (HOUR / SECOND), left);
    }

    private interface CounterVisitor {
        boolean visit(long unit, long count);
    }

    private void scanCounters(char table, String webhookId, int status, long lo, long hi, CounterVisitor visitor) {
        if (hi <= lo) {
            return;
        }
        byte[] prefix = Key.of(table).str(webhookId).u8(status).bytes();
        store.scan(Key.of(table).str(webhookId).u8(status).i64(lo).bytes(),
                Key.of(table).str(webhookId).u8(status).i64(hi).bytes(), true,
                (key, value) -> visitor.visit(new Key.Reader(key, prefix.length).i64(), LocalStore.counter(value)));
    }

    private long sum(char table, String webhookId, int status, long lo, long hi) {
        long[] total = {0};
        if (hi > lo) {
            store.scan(Key.of(table).str(webhookId).u8(status).i64(lo).bytes(),
                    Key.of(table).str(webhookId).u8(status).i64(hi).bytes(), false, (key, value) -> {
                        total[0] += LocalStore.counter(value);
                        return true;
                    });
        }
        return total[0];
    }

    /** Rows sent in [fromMs, toMs], counted one by one (used for at most one second at a time). */
    private long rows(String webhookId, int status, long fromMs, long toMs) {
        long[] n = {0};
        if (toMs >= fromMs) {
            byte[] prefix = AttemptLog.rowPrefix(webhookId, status);
            store.scan(Key.from(prefix).i64(fromMs).bytes(), Key.from(prefix).i64(toMs + 1).bytes(),
                    false, (key, value) -> {
                        n[0]++;
                        return true;
                    });
        }
        return n[0];
    }
}
