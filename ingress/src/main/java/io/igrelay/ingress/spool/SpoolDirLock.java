package io.igrelay.ingress.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/*
 * The lock on a spool directory (its "lock" file), so two processes, or two spools in one JVM, never share it
 * (contract §8: a record is answered 200 only once it is durable in exactly one spool).
 */
final class SpoolDirLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private SpoolDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Creates the directory if needed and locks it; fails if someone else holds it. */
    static SpoolDirLock acquire(Path dir) throws IOException {
        Files.createDirectories(dir);
        FileChannel channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("spool directory " + dir + " is used by another process");
        }
        return new SpoolDirLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
