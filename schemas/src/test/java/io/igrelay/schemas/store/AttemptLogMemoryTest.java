package io.igrelay.schemas.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/* The attempt log's heap use does not grow with its history: ten times the attempts cost (almost) no more heap,
 * where the in-memory view it replaces held every line as a JsonObject. */
class AttemptLogMemoryTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final TopicPartition LOG = new TopicPartition("hub.webhook.log", 0);
    private static final byte[] BODY = ("{\"responseBody\":\"" + "x".repeat(1000) + "\"}")
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private int applied;

    private void load(AttemptLog log, int n) {
        for (int i = 0; i < n; i++, applied++) {
            log.apply(new AttemptLog.Attempt("log-" + applied, "w" + (applied % 10), "evt-" + applied,
                    "msg-" + applied, applied % 3 != 0, NOW.minusMillis(applied * 37L), 0, applied, Optional.empty(),
                    BODY), LOG, applied);
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    @Test
    void shouldHoldTenTimesTheHistoryInAboutTheSameHeap() throws Exception {
        try (LocalStore store = LocalStore.open(dir)) {
            AttemptLog log = new AttemptLog(store, Duration.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC));
            load(log, 5_000);
            long small = heapAfterGc();

            load(log, 45_000);
            long large = heapAfterGc();

            System.out.printf("attempt log heap after GC: %,d bytes at 5,000 attempts, %,d at 50,000 (growth %,d)%n",
                    small, large, large - small);
            // held in memory, the 45,000 extra lines (1 KB bodies) alone would be tens of MB of heap
            assertThat(large - small).as("heap growth from 5,000 to 50,000 attempts").isLessThan(8L << 20);
            assertThat(log.query("w3", AttemptLog.Filter.NONE, 4_000, 10).total()).isEqualTo(5_000);
        }
    }
}
