package io.igrelay.ingress.support;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads meta-fixtures/ byte for byte (contract §2, testing conventions): from the meta.fixtures system property
 * that surefire and failsafe set, or relative to the module directory when run from an IDE. The secret that signed
 * them is "fixture-app-secret".
 */
public final class Fixtures {

    public static final String APP_SECRET = "fixture-app-secret";

    private Fixtures() {
    }

    public static Path dir() {
        String prop = System.getProperty("meta.fixtures");
        Path p = prop != null ? Path.of(prop) : Path.of("../meta-fixtures");
        if (!Files.isDirectory(p)) {
            p = Path.of("../meta-fixtures");
        }
        return p.toAbsolutePath().normalize();
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(dir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    public static JsonObject json(String name) {
        return new JsonObject(text(name));
    }
}
