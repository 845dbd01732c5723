package io.igrelay.dispatcher;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/*
 * Loads meta-fixtures/ byte for byte (the path comes from the build's meta.fixtures property), so the
 * dispatcher and the sandbox agree with Meta's documented shapes rather than with each other.
 */
public final class Fixtures {

    private Fixtures() {
    }

    public static Path dir() {
        String dir = System.getProperty("meta.fixtures");
        Path path = dir != null ? Path.of(dir) : Path.of("..", "meta-fixtures");
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("meta fixtures not found at " + path.toAbsolutePath());
        }
        return path;
    }

    public static String text(String name) {
        try {
            return Files.readString(dir().resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonObject json(String name) {
        return new JsonObject(text(name));
    }

    /** A body of this module's src/test/resources/meta (kinds the shared fixtures do not hold yet). */
    public static JsonObject local(String name) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream("meta/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource meta/" + name);
            }
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
