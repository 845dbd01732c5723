package io.igrelay.ingress.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The spool's head: the first record Kafka has not acknowledged yet, kept in a small file replaced atomically
 * (write, fsync, rename). A crash between Kafka's ack and this write replays a few records again; the processor
 * dedups them, and nothing is ever skipped.
 */
final class SpoolCheckpoint {

    private final Path file;
    private final Path temp;

    SpoolCheckpoint(Path dir) {
        this.file = dir.resolve("head");
        this.temp = dir.resolve("head.tmp");
    }

    Optional<SpoolEntry.Position> read() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String[] parts = Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ");
        try {
            return Optional.of(new SpoolEntry.Position(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
        } catch (RuntimeException e) {
            throw new IOException("unreadable spool checkpoint " + file + "; delete it to replay the whole spool", e);
        }
    }

    void write(SpoolEntry.Position head) throws IOException {
        byte[] text = (head.segment() + " " + head.offset() + "\n").getBytes(StandardCharsets.US_ASCII);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(java.nio.ByteBuffer.wrap(text));
            channel.force(false);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
