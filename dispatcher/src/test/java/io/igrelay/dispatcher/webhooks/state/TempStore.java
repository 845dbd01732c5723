package io.igrelay.dispatcher.webhooks.state;

import io.igrelay.schemas.store.LocalStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/* A local store in a fresh temporary folder for one test; close() deletes it. */
public final class TempStore implements AutoCloseable {

    private final Path dir;
    private final LocalStore store;

    public TempStore() {
        try {
            this.dir = Files.createTempDirectory("igrelay-test-store");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.store = LocalStore.open(dir);
    }

    public LocalStore store() {
        return store;
    }

    @Override
    public void close() {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
