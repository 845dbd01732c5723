package io.igrelay.schemas.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/* The attempt log's pages, totals and filters come out of the store exactly as a full in-memory sort would give
 * them, at any depth; indexes, positions and retention behave as the delivery and the log queries rely on. */
class AttemptLogTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final TopicPartition LOG = new TopicPartition("hub.webhook.log", 0);
    /** Send time; rows of the same millisecond by log id, shorter ids first (the store's key order). */
    private static final Comparator<AttemptLog.Attempt> STORE_ORDER = Comparator
            .comparing(AttemptLog.Attempt::sendAt).thenComparingInt((AttemptLog.Attempt a) -> a.id().length())
            .thenComparing(AttemptLog.Attempt::id);

    @TempDir
    Path dir;

    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private LocalStore store;
    private AttemptLog log;
    private final List<AttemptLog.Attempt> applied = new ArrayList<>();
    private long offset;

    private AttemptLog open() {
        store = LocalStore.open(dir);
        log = new AttemptLog(store, Duration.ofDays(30), clock);
        return log;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private AttemptLog.Attempt attempt(String id, String webhook, Instant sendAt, boolean success, String messageId) {
        return new AttemptLog.Attempt(id, webhook, "evt-" + messageId, messageId, success, sendAt, 1,
                100 + applied.size(), Optional.empty(), ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private void apply(AttemptLog.Attempt a) {
        log.apply(a, LOG, offset++);
        applied.add(a);
    }

    /** Rows at random times over four days, bunched so that many share a second and an hour. */
    private void randomHistory(Random random, int n) {
        Instant base = NOW.minus(Duration.ofDays(4));
        for (int i = 0; i < n; i++) {
            long ms = random.nextInt(8) == 0 ? (random.nextInt(40) * 1000L + random.nextInt(3))
                    : (long) (random.nextDouble() * Duration.ofDays(4).toMillis());
            apply(attempt("log-" + i, random.nextInt(5) == 0 ? "w2" : "w1", base.plusMillis(ms),
                    random.nextBoolean(), "m" + random.nextInt(30)));
        }
    }

    private List<String> expected(String webhook, AttemptLog.Filter filter) {
        return applied.stream().filter(a -> a.webhookId().equals(webhook))
                .filter(a -> filter.success().map(s -> s == a.success()).orElse(true))
                .filter(a -> filter.from().map(f -> !a.sendAt().isBefore(f)).orElse(true))
                .filter(a -> filter.to().map(t -> !a.sendAt().isAfter(t)).orElse(true))
                .filter(a -> filter.messageId().map(m -> m.equals(a.messageId())).orElse(true))
                .sorted(STORE_ORDER.reversed())
                .map(AttemptLog.Attempt::id).toList();
    }

    private static List<String> ids(AttemptLog.Page page) {
        return page.rows().stream().map(AttemptLog.Row::id).toList();
    }

    @Test
    void shouldServeEveryPageAndTotalExactlyAsAFullSortWouldForRandomFilters() {
        open();
        Random random = new Random(42);
        randomHistory(random, 3000);
        for (int q = 0; q < 300; q++) {
            Instant a = NOW.minus(Duration.ofMillis((long) (random.nextDouble() * Duration.ofDays(5).toMillis())));
            Instant b = a.plusMillis((long) (random.nextDouble() * Duration.ofDays(2).toMillis()));
            AttemptLog.Filter filter = new AttemptLog.Filter(
                    random.nextInt(3) == 0 ? Optional.empty() : Optional.of(random.nextBoolean()),
                    random.nextInt(4) == 0 ? Optional.empty() : Optional.of(a),
                    random.nextInt(4) == 0 ? Optional.empty() : Optional.of(b),
                    random.nextInt(6) == 0 ? Optional.of("m" + random.nextInt(30)) : Optional.empty());
            List<String> all = expected("w1", filter);
            int offset = all.isEmpty() ? 0 : random.nextInt(all.size() + 5);
            int limit = 1 + random.nextInt(50);

            AttemptLog.Page page = log.query("w1", filter, offset, limit);

            assertThat(page.total()).as("total for %s", filter).isEqualTo(all.size());
            assertThat(ids(page)).as("page at %d of %s", offset, filter)
                    .isEqualTo(all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + limit)));
        }
    }

    @Test
    void shouldKeepPageBoundariesWithinOneSecondExact() {
        open();
        Instant second = NOW.minusSeconds(3600);
        for (int i = 0; i < 10; i++) {
            apply(attempt("s" + i, "w1", second.plusMillis(i * 10L), i % 2 == 0, "m"));
        }
        AttemptLog.Filter lastHalf = new AttemptLog.Filter(Optional.empty(), Optional.of(second.plusMillis(50)),
                Optional.of(second.plusMillis(80)), Optional.empty());

        assertThat(ids(log.query("w1", lastHalf, 1, 2))).containsExactly("s7", "s6");
        assertThat(log.query("w1", lastHalf, 0, 50).total()).isEqualTo(4);
    }

    @Test
    void shouldFindAnAttemptByItsLogIdWithItsQueuePositionAndBody() {
        open();
        apply(attempt("log-1", "w1", NOW.minusSeconds(5), false, "m1"));

        AttemptLog.Row row = log.get("log-1").orElseThrow();

        assertThat(row.webhookId()).isEqualTo("w1");
        assertThat(row.queuePartition()).isEqualTo(1);
        assertThat(row.queueOffset()).isEqualTo(100);
        assertThat(new String(row.json(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"log-1\"}");
        assertThat(log.get("nope")).isEmpty();
    }

    @Test
    void shouldCountAnAttemptReadTwiceOnce() {
        open();
        AttemptLog.Attempt once = attempt("log-1", "w1", NOW.minusSeconds(5), true, "m1");
        log.apply(once, LOG, 0);
        log.apply(once, LOG, 1);

        assertThat(log.query("w1", AttemptLog.Filter.NONE, 0, 10).total()).isEqualTo(1);
        assertThat(log.query("w1", AttemptLog.Filter.NONE, 0, 10).rows()).hasSize(1);
    }

    @Test
    void shouldKnowWhichEventsAWebhookAndAJobDelivered() {
        open();
        apply(new AttemptLog.Attempt("a", "w1", "e1", "m1", true, NOW.minusSeconds(9), 0, 7, Optional.of("job-1"),
                new byte[0]));
        apply(new AttemptLog.Attempt("b", "w1", "e2", "m2", false, NOW.minusSeconds(8), 0, 8, Optional.of("job-1"),
                new byte[0]));

        assertThat(log.delivered("w1", "e1")).isTrue();
        assertThat(log.delivered("w1", "e2")).isFalse();
        assertThat(log.delivered("w2", "e1")).isFalse();
        assertThat(log.deliveredBy("job-1", 0, 7)).isTrue();
        assertThat(log.deliveredBy("job-1", 0, 8)).isFalse();
    }

    @Test
    void shouldListQueuePositionsOfARangeInTimeOrderFilteredByStatus() {
        open();
        apply(new AttemptLog.Attempt("a", "w1", "e1", "m1", false, NOW.minusSeconds(30), 1, 5, Optional.empty(),
                new byte[0]));
        apply(new AttemptLog.Attempt("b", "w1", "e2", "m2", true, NOW.minusSeconds(20), 0, 9, Optional.empty(),
                new byte[0]));
        apply(new AttemptLog.Attempt("c", "w1", "e3", "m3", false, NOW.minusSeconds(10), 0, 3, Optional.empty(),
                new byte[0]));
        List<AttemptLog.Position> failed = new ArrayList<>();
        List<AttemptLog.Position> all = new ArrayList<>();

        log.positions("w1", NOW.minusSeconds(60), NOW, Optional.of(false), failed::add);
        log.positions("w1", NOW.minusSeconds(25), NOW, Optional.empty(), all::add);

        assertThat(failed).containsExactly(new AttemptLog.Position(1, 5), new AttemptLog.Position(0, 3));
        assertThat(all).containsExactly(new AttemptLog.Position(0, 9), new AttemptLog.Position(0, 3));
    }

    @Test
    void shouldPurgeRowsPastTheRetentionAndKeepTotalsRight() {
        clock = Clock.fixed(NOW.minus(Duration.ofDays(2)), ZoneOffset.UTC); // written while still young
        open();
        Random random = new Random(7);
        Instant start = NOW.minus(Duration.ofDays(31));
        for (int i = 0; i < 400; i++) {
            apply(attempt("r" + i, "w1", start.plusMillis((long) (random.nextDouble() * Duration.ofDays(2)
                    .toMillis())), random.nextBoolean(), "m" + random.nextInt(5)));
        }
        Instant cutoff = NOW.minus(Duration.ofDays(30));
        applied.removeIf(a -> a.sendAt().isBefore(cutoff));

        int purged = log.purge(NOW);

        assertThat(purged).isEqualTo(400 - applied.size()).isPositive();
        AttemptLog.Filter failed = new AttemptLog.Filter(Optional.of(false), Optional.empty(), Optional.empty(),
                Optional.empty());
        assertThat(log.query("w1", failed, 0, 50).total()).isEqualTo(expected("w1", failed).size());
        assertThat(ids(log.query("w1", AttemptLog.Filter.NONE, 0, 50)))
                .isEqualTo(expected("w1", AttemptLog.Filter.NONE).subList(0, 50));
        assertThat(log.query("w1", AttemptLog.Filter.NONE, 0, 1).total()).isEqualTo(applied.size());
    }

    @Test
    void shouldNotWriteARowThatIsAlreadyPastTheRetention() {
        open();
        log.apply(attempt("old", "w1", NOW.minus(Duration.ofDays(31)), true, "m"), LOG, 0);

        assertThat(log.get("old")).isEmpty();
        assertThat(log.delivered("w1", "evt-m")).isFalse();
        assertThat(log.positions(LOG.topic())).containsEntry(LOG, 1L);
    }

    @Test
    void shouldRememberHowFarItReadAcrossARestart() {
        open();
        apply(attempt("a", "w1", NOW.minusSeconds(3), true, "m"));
        apply(attempt("b", "w1", NOW.minusSeconds(2), true, "m"));
        log.skip(LOG, 2);
        store.close();

        open();

        assertThat(log.positions(LOG.topic())).containsEntry(LOG, 3L);
        assertThat(log.get("b")).isPresent();
    }

    @Test
    void shouldKeepPositionsAndDeliveriesWithoutRowsWhenPositionsOnly() {
        store = LocalStore.open(dir);
        log = AttemptLog.positionsOnly(store, Duration.ofDays(30), clock);
        apply(new AttemptLog.Attempt("a", "w1", "e1", "m1", true, NOW.minusSeconds(20), 0, 7, Optional.of("job-1"),
                "{\"body\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        apply(new AttemptLog.Attempt("b", "w1", "e2", "m2", false, NOW.minusSeconds(10), 1, 8, Optional.empty(),
                new byte[0]));
        apply(new AttemptLog.Attempt("a", "w1", "e1", "m1", true, NOW.minusSeconds(20), 0, 7, Optional.of("job-1"),
                new byte[0])); // read twice
        List<AttemptLog.Position> all = new ArrayList<>();
        List<AttemptLog.Position> failed = new ArrayList<>();

        log.positions("w1", NOW.minusSeconds(60), NOW, Optional.empty(), all::add);
        log.positions("w1", NOW.minusSeconds(60), NOW, Optional.of(false), failed::add);

        assertThat(all).containsExactly(new AttemptLog.Position(0, 7), new AttemptLog.Position(1, 8));
        assertThat(failed).containsExactly(new AttemptLog.Position(1, 8));
        assertThat(log.delivered("w1", "e1")).isTrue();
        assertThat(log.deliveredBy("job-1", 0, 7)).isTrue();
        assertThat(keys('M')).isZero();
        assertThat(keys('C') + keys('H')).isZero();
        assertThat(log.get("b")).hasValueSatisfying(row -> {
            assertThat(row.queuePartition()).isEqualTo(1);
            assertThat(row.queueOffset()).isEqualTo(8);
            assertThat(row.json()).isEmpty();
        });
        assertThatThrownBy(() -> log.query("w1", AttemptLog.Filter.NONE, 0, 10))
                .isInstanceOf(UnsupportedOperationException.class);

        assertThat(log.purge(NOW.plus(Duration.ofDays(31)))).isEqualTo(2);
        assertThat(keys('A') + keys('S') + keys('I') + keys('T') + keys('D') + keys('J')).isZero();
    }

    @Test
    void shouldSkipARecordAtAnOffsetAlreadyAppliedEvenAfterARestart() {
        open();
        log.apply(attempt("a", "w1", NOW.minusSeconds(5), true, "m1"), LOG, 4);
        log.apply(attempt("b", "w1", NOW.minusSeconds(4), true, "m2"), LOG, 3);
        store.close();
        open();
        log.apply(attempt("c", "w1", NOW.minusSeconds(3), true, "m3"), LOG, 4);
        log.apply(attempt("d", "w1", NOW.minusSeconds(2), true, "m4"), LOG, 5);

        assertThat(ids(log.query("w1", AttemptLog.Filter.NONE, 0, 10))).containsExactly("d", "a");
        assertThat(log.positions(LOG.topic())).containsEntry(LOG, 6L);
    }

    private int keys(char kind) {
        byte[] prefix = Key.of(kind).bytes();
        int[] n = {0};
        store.scan(prefix, Key.after(prefix), false, (k, v) -> ++n[0] > 0);
        return n[0];
    }
}
