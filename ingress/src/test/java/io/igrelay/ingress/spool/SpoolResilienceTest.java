package io.igrelay.ingress.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool's promises when the disk misbehaves: corrupted records cost only themselves, numbers never repeat. */
class SpoolResilienceTest {

    private static final long MIB = 1024 * 1024;
    private static final int RECORD = SpoolFormat.encodedSize(b("k0"), b("value-0")); // every test record's size

    @TempDir
    Path dir;

    private final AtomicBoolean diskFails = new AtomicBoolean();

    private Spool open() {
        return Spool.open(dir, 64 * MIB, MIB, () -> 1_000, () -> {
            if (diskFails.get()) {
                throw new IOException("No space left on device");
            }
        });
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void append(Spool spool, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            spool.append(b("k" + (i % 3)), b("value-" + i)).durable().get(5, TimeUnit.SECONDS);
        }
    }

    private static List<String> values(List<SpoolEntry> entries) {
        return entries.stream().map(e -> new String(e.value(), StandardCharsets.UTF_8)).toList();
    }

    private Path segment() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("segment-\\d+\\.log")).sorted()
                    .findFirst().orElseThrow();
        }
    }

    private void overwrite(long offset, byte[] bytes) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(segment().toFile(), "rw")) {
            file.seek(offset);
            file.write(bytes);
        }
    }

    @Test
    void shouldKeepEveryValidRecordAfterACorruptedMiddleRecord() throws Exception {
        try (Spool spool = open()) {
            append(spool, 0, 5);
        }
        overwrite(2L * RECORD + RECORD - 2, b("#")); // a flipped byte in the value of record 2

        try (Spool reopened = open()) {
            assertThat(reopened.corruptRecoveries()).isEqualTo(1);
            assertThat(values(reopened.peek(100, 64 * MIB)))
                    .containsExactly("value-0", "value-1", "value-3", "value-4");
            assertThat(reopened.records()).isEqualTo(4);
        }
    }

    @Test
    void shouldResynchroniseAfterARecordWhoseLengthIsGarbage() throws Exception {
        try (Spool spool = open()) {
            append(spool, 0, 4);
        }
        overwrite(RECORD, new byte[] {0x7f, 0x00, 0x00, 0x01}); // record 1 claims a length past the file

        try (Spool reopened = open()) {
            assertThat(values(reopened.peek(100, 64 * MIB))).containsExactly("value-0", "value-2", "value-3");
            append(reopened, 4, 5);
            assertThat(values(reopened.peek(100, 64 * MIB))).last().isEqualTo("value-4");
        }
        try (Spool again = open()) { // the rewritten segment reads cleanly the next time
            assertThat(again.corruptRecoveries()).isZero();
            assertThat(values(again.peek(100, 64 * MIB)))
                    .containsExactly("value-0", "value-2", "value-3", "value-4");
        }
    }

    @Test
    void shouldKeepRecordsAfterACorruptionBehindTheReleasedHead() throws Exception {
        try (Spool spool = open()) {
            append(spool, 0, 6);
            spool.release(spool.peek(2, 64 * MIB)); // head after record 1
        }
        overwrite(3L * RECORD + RECORD - 1, b("#"));

        try (Spool reopened = open()) {
            assertThat(values(reopened.peek(100, 64 * MIB))).containsExactly("value-2", "value-4", "value-5");
        }
    }

    @Test
    void shouldCutATornTailWithNothingValidBehindIt() throws Exception {
        try (Spool spool = open()) {
            append(spool, 0, 3);
        }
        try (RandomAccessFile file = new RandomAccessFile(segment().toFile(), "rw")) {
            file.setLength(3L * RECORD - 5);
        }

        try (Spool reopened = open()) {
            assertThat(reopened.corruptRecoveries()).isEqualTo(1);
            assertThat(values(reopened.peek(100, 64 * MIB))).containsExactly("value-0", "value-1");
        }
    }

    @Test
    void shouldNeverGiveASequenceNumberTwiceAfterAFailedWrite() throws Exception {
        try (Spool spool = open()) {
            long first = spool.append(b("k"), b("kept-1")).seq();
            spool.append(b("k"), b("kept-1")).durable().get(5, TimeUnit.SECONDS);
            diskFails.set(true);
            Spool.Appended lost = spool.append(b("k"), b("lost"));
            assertThatThrownBy(() -> lost.durable().get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
            diskFails.set(false);
            Spool.Appended retried = spool.append(b("k"), b("retried"));
            retried.durable().get(5, TimeUnit.SECONDS);

            assertThat(retried.seq()).isGreaterThan(lost.seq()).isGreaterThan(first);
            List<SpoolEntry> entries = spool.peek(100, 64 * MIB);
            assertThat(values(entries)).containsExactly("kept-1", "kept-1", "retried");
            assertThat(entries).extracting(SpoolEntry::seq).doesNotContain(lost.seq())
                    .last().isEqualTo(retried.seq());
            assertThat(spool.records()).isEqualTo(3);
            spool.release(entries.subList(0, 2));
            assertThat(spool.records()).isEqualTo(1);
            spool.release(spool.peek(100, 64 * MIB));
            assertThat(spool.isEmpty()).isTrue();
        }
    }

    @Test
    void shouldBecomeEmptyWhenEveryPendingAppendWasLost() throws Exception {
        try (Spool spool = open()) {
            diskFails.set(true);
            Spool.Appended lost = spool.append(b("k"), b("lost"));
            assertThatThrownBy(() -> lost.durable().get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
            assertThat(spool.isEmpty()).isTrue();
            assertThat(spool.records()).isZero();
            assertThat(spool.accepting()).isFalse();
            diskFails.set(false);
            Spool.Appended next = spool.append(b("k"), b("next"));
            next.durable().get(5, TimeUnit.SECONDS);
            assertThat(next.seq()).isEqualTo(lost.seq() + 1);
            assertThat(spool.peek(10, MIB)).extracting(SpoolEntry::seq).containsExactly(next.seq());
            assertThat(spool.accepting()).isTrue();
        }
    }
}
