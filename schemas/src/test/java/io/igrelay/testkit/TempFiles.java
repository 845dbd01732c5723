package io.igrelay.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/*
 * Removes the temp dirs the test stack creates (Kafka log dirs, the registry's log file), so repeated test runs
 * do not fill /tmp on shared machines.
 */
final class TempFiles {

    private TempFiles() {
    }

    static void deleteRecursively(Path path) {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a file still held open by a closing broker thread; the next pass or the OS cleans it
                }
            });
        } catch (IOException e) {
            System.err.println("[testkit] could not delete " + path + ": " + e);
        }
    }
}
