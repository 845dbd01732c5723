package io.igrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One place per rule: no two main classes in different modules share a simple name, so a name in a log,
 * a stack trace or the docs points at one class. Scans every module's src/main/java from the project root (bench
 * sits last in the reactor); two classes of one module may still share a name in different packages.
 */
class UniqueClassNamesTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void shouldNotShareAMainClassNameAcrossModules() {
        SortedMap<String, SortedSet<String>> shared = sharedNames(ROOT);

        assertThat(modules(ROOT)).as("modules scanned").contains("schemas", "processor", "dispatcher", "bench");
        assertThat(shared)
                .as("main class names declared in more than one module (name=[modules]); rename one side so each "
                        + "name says what its class is: %s", describe(shared))
                .isEmpty();
    }

    @Test
    void shouldReportANameDeclaredInTwoModules(@TempDir Path root) throws IOException {
        write(root, "alpha", "io/x/alpha/Directory.java");
        write(root, "alpha", "io/x/alpha/Only.java");
        write(root, "beta", "io/x/beta/state/Directory.java");
        write(root, "beta", "io/x/beta/Other.java");
        write(root, "beta", "io/x/beta/more/Other.java");

        assertThat(sharedNames(root)).containsExactly(Map.entry("Directory", new TreeSet<>(List.of("alpha", "beta"))));
    }

    /** Simple class name to the modules that declare it, for the names declared in two or more modules. */
    static SortedMap<String, SortedSet<String>> sharedNames(Path root) {
        SortedMap<String, SortedSet<String>> byName = new TreeMap<>();
        for (String module : modules(root)) {
            try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main/java"))) {
                files.map(file -> file.getFileName().toString())
                        .filter(name -> name.endsWith(".java") && !name.contains("-"))
                        .map(name -> name.substring(0, name.length() - ".java".length()))
                        .forEach(name -> byName.computeIfAbsent(name, n -> new TreeSet<>()).add(module));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        byName.values().removeIf(modules -> modules.size() < 2);
        return byName;
    }

    private static SortedSet<String> modules(Path root) {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(dir -> Files.isDirectory(dir.resolve("src/main/java")))
                    .map(dir -> dir.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(SortedMap<String, SortedSet<String>> shared) {
        return shared.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static void write(Path root, String module, String source) throws IOException {
        Path file = root.resolve(module).resolve("src/main/java").resolve(source);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "class X {}\n");
    }
}
