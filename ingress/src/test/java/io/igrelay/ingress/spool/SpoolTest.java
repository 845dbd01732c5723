package io.igrelay.ingress.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    private static final long MIB = 1024 * 1024;
    private final AtomicLong clock = new AtomicLong(1_000);

    @TempDir
    Path dir;

    private Spool open(long maxBytes, long segmentBytes) {
        return Spool.open(dir, maxBytes, segmentBytes, clock::get);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void appendAll(Spool spool, int from, int to) throws Exception {
        List<CompletableFuture<Long>> all = new ArrayList<>();
        for (int i = from; i < to; i++) {
            all.add(spool.append(b("k" + (i % 3)), b("value-" + i)).durable());
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
    }

    private static List<String> values(List<SpoolEntry> entries) {
        return entries.stream().map(e -> new String(e.value(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void shouldReadRecordsBackInAppendOrderWithTheirKeys() throws Exception {
        try (Spool spool = open(64 * MIB, MIB)) {
            appendAll(spool, 0, 5);
            spool.append(null, b("no-key")).durable().get();
            List<SpoolEntry> entries = spool.peek(100, 64 * MIB);
            assertThat(values(entries)).containsExactly("value-0", "value-1", "value-2", "value-3", "value-4",
                    "no-key");
            assertThat(entries.get(1).key()).isEqualTo(b("k1"));
            assertThat(entries.get(5).key()).isNull();
            assertThat(spool.records()).isEqualTo(6);
        }
    }

    @Test
    void shouldReleaseAcknowledgedRecordsAndBecomeEmpty() throws Exception {
        try (Spool spool = open(64 * MIB, MIB)) {
            appendAll(spool, 0, 10);
            spool.release(spool.peek(4, 64 * MIB));
            assertThat(values(spool.peek(100, 64 * MIB))).first().isEqualTo("value-4");
            spool.release(spool.peek(100, 64 * MIB));
            assertThat(spool.isEmpty()).isTrue();
            assertThat(spool.bytes()).isZero();
            assertThat(spool.oldestAgeMillis()).isZero();
        }
    }

    @Test
    void shouldResumeAfterRestartFromTheLastReleasedRecord() throws Exception {
        try (Spool spool = open(64 * MIB, 256)) {
            appendAll(spool, 0, 20);
            spool.release(spool.peek(7, 64 * MIB));
        }
        try (Spool reopened = open(64 * MIB, 256)) {
            assertThat(reopened.records()).isEqualTo(13);
            assertThat(values(reopened.peek(100, 64 * MIB))).first().isEqualTo("value-7");
            appendAll(reopened, 20, 22);
            List<String> after = values(reopened.peek(100, 64 * MIB));
            assertThat(after).hasSize(15).last().isEqualTo("value-21");
        }
    }

    @Test
    void shouldDeleteSegmentFilesOnceEverythingInThemIsReleased() throws Exception {
        try (Spool spool = open(64 * MIB, 200)) {
            appendAll(spool, 0, 30);
            assertThat(segmentFiles()).hasSizeGreaterThan(3);
            while (!spool.isEmpty()) {
                spool.release(spool.peek(5, 64 * MIB));
            }
            assertThat(segmentFiles()).hasSizeLessThanOrEqualTo(1);
        }
    }

    @Test
    void shouldSkipATornTailAfterACrashAndKeepEverythingBeforeIt() throws Exception {
        try (Spool spool = open(64 * MIB, MIB)) {
            appendAll(spool, 0, 5);
        }
        Path segment = segmentFiles().get(0);
        long size = Files.size(segment);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.setLength(size - 3); // the last record lost its final bytes
        }
        try (Spool reopened = open(64 * MIB, MIB)) {
            assertThat(reopened.corruptRecoveries()).isEqualTo(1);
            assertThat(values(reopened.peek(100, 64 * MIB)))
                    .containsExactly("value-0", "value-1", "value-2", "value-3");
        }
    }

    @Test
    void shouldSkipACorruptedRecordWhoseChecksumFails() throws Exception {
        try (Spool spool = open(64 * MIB, MIB)) {
            appendAll(spool, 0, 3);
        }
        Path segment = segmentFiles().get(0);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.seek(Files.size(segment) - 2);
            file.write('#'); // a flipped byte inside the last record's value
        }
        try (Spool reopened = open(64 * MIB, MIB)) {
            assertThat(reopened.corruptRecoveries()).isEqualTo(1);
            assertThat(values(reopened.peek(100, 64 * MIB))).containsExactly("value-0", "value-1");
        }
    }

    @Test
    void shouldRefuseAppendsBeyondItsSizeLimit() throws Exception {
        try (Spool spool = open(1000, MIB)) {
            spool.append(null, new byte[600]).durable().get();
            Spool.Appended refused = spool.append(null, new byte[600]);
            assertThat(refused.seq()).isEqualTo(-1);
            assertThatThrownBy(() -> refused.durable().get()).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(SpoolFullException.class);
            spool.release(spool.peek(10, MIB));
            spool.append(null, new byte[600]).durable().get();
        }
    }

    @Test
    void shouldStopAcceptingWhenTooFullForALargeDeliveryAndAcceptAgainOnceReleased() throws Exception {
        try (Spool spool = open(8 * MIB, MIB)) {
            assertThat(spool.accepting()).isTrue();
            spool.append(null, new byte[(int) (4 * MIB + 100)]).durable().get();
            assertThat(spool.accepting()).as("less than 4 MiB left").isFalse();
            spool.release(spool.peek(10, 16 * MIB));
            assertThat(spool.accepting()).isTrue();
        }
        try (Spool reopened = open(8 * MIB, MIB)) {
            assertThat(reopened.accepting()).as("empty after the release, also after a restart").isTrue();
        }
    }

    @Test
    void shouldReportTheAgeOfItsOldestRecord() throws Exception {
        try (Spool spool = open(64 * MIB, MIB)) {
            spool.append(null, b("a")).durable().get();
            clock.addAndGet(5_000);
            spool.append(null, b("b")).durable().get();
            clock.addAndGet(1_000);
            assertThat(spool.oldestAgeMillis()).isEqualTo(6_000);
            spool.release(spool.peek(1, MIB));
            assertThat(spool.oldestAgeMillis()).isEqualTo(1_000);
        }
    }

    @Test
    void shouldRefuseASecondProcessOnTheSameDirectory() {
        try (Spool spool = open(64 * MIB, MIB)) {
            assertThatThrownBy(() -> open(64 * MIB, MIB)).hasMessageContaining("used by another");
        }
    }

    @Test
    void shouldKeepOrderUnderConcurrentAppends() throws Exception {
        try (Spool spool = open(256 * MIB, MIB)) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 500; i++) {
                        spool.append(b("t" + id), b(id + ":" + i)).durable().join();
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            List<SpoolEntry> all = spool.peek(10_000, 256 * MIB);
            assertThat(all).hasSize(2000);
            for (int t = 0; t < 4; t++) {
                String prefix = t + ":";
                List<String> mine = values(all).stream().filter(v -> v.startsWith(prefix)).toList();
                assertThat(mine).containsExactlyElementsOf(
                        java.util.stream.IntStream.range(0, 500).mapToObj(i -> prefix + i).toList());
            }
        }
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("segment-")).sorted().toList();
        }
    }
}
