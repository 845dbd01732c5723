package io.igrelay.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads meta-fixtures/ byte for byte: from the meta.fixtures system property set by surefire, or relative
 * to the module directory when run from an IDE.
 */
final class Fixtures {
    private Fixtures() {
    }

    static Path dir() {
        String prop = System.getProperty("meta.fixtures");
        Path p = prop != null ? Path.of(prop) : Path.of("../meta-fixtures");
        if (!Files.isDirectory(p)) {
            p = Path.of("../meta-fixtures");
        }
        return p.toAbsolutePath().normalize();
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(dir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), java.nio.charset.StandardCharsets.UTF_8);
    }

    static List<String> named(String prefix) {
        try (Stream<Path> s = Files.list(dir())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix) && n.endsWith(".json"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
