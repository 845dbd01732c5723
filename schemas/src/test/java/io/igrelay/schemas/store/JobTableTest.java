package io.igrelay.schemas.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BinaryOperator;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/* Job states fold by the caller's rule, remember how far their topics were read, and are purged after their
 * retention. */
class JobTableTest {

    private static final TopicPartition JOBS = new TopicPartition("hub.webhook.jobs", 1);
    /** The later of two states by their single character ("p" < "r" < "s"): a state never goes back. */
    private static final BinaryOperator<byte[]> NEVER_BACK = (old, next) -> next[0] >= old[0] ? next : old;

    @TempDir
    Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-10T12:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void shouldFoldStatesWithTheCallersRule() {
        try (LocalStore store = LocalStore.open(dir)) {
            JobTable jobs = new JobTable(store, Duration.ofDays(7), clock);
            jobs.merge("j1", b("r"), NEVER_BACK, JOBS, 0);
            jobs.merge("j1", b("p"), NEVER_BACK);
            jobs.merge("j1", b("s"), NEVER_BACK, JOBS, 4);

            assertThat(jobs.get("j1")).map(JobTableTest::s).hasValue("s");
            assertThat(jobs.get("j2")).isEmpty();
            assertThat(jobs.positions(JOBS.topic())).containsEntry(JOBS, 5L);
        }
    }

    @Test
    void shouldPurgeJobsUntouchedForTheRetentionOnly() {
        try (LocalStore store = LocalStore.open(dir)) {
            JobTable jobs = new JobTable(store, Duration.ofDays(7), clock);
            jobs.merge("old", b("r"), NEVER_BACK);
            jobs.merge("touched", b("r"), NEVER_BACK);
            now.set(now.get().plus(Duration.ofDays(5)));
            jobs.merge("touched", b("s"), NEVER_BACK);
            now.set(now.get().plus(Duration.ofDays(3)));

            int purged = jobs.purge(now.get());

            assertThat(purged).isEqualTo(1);
            assertThat(jobs.get("old")).isEmpty();
            assertThat(jobs.get("touched")).map(JobTableTest::s).hasValue("s");
        }
    }
}
