package io.igrelay.schemas.evolution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/*
 * The released schemas, kept as committed files (src/test/resources/schema-snapshots/<Name>/v<N>.avsc), so that
 * SchemaEvolutionTest can prove every change readable by what is already on the topics. At a release, run
 *   mvn -pl schemas test -Dtest=SchemaSnapshotReleaseTest -Dsnapshots.update=true
 * (or main() from an IDE): it adds v<N+1> for each schema that changed since its latest snapshot and v1 for new
 * ones; existing snapshots are never rewritten.
 */
public final class SchemaSnapshots {

    static final String TYPES_PACKAGE = "io.igrelay.avro.";

    private final Path moduleDir;

    SchemaSnapshots(Path moduleDir) {
        this.moduleDir = moduleDir;
    }

    /** Works from the module directory (tests) and from the repository root (exec:java). */
    static SchemaSnapshots locate() {
        Path here = Path.of("").toAbsolutePath();
        return new SchemaSnapshots(Files.isDirectory(here.resolve("src/main/avro")) ? here : here.resolve("schemas"));
    }

    Path snapshotDir() {
        return moduleDir.resolve("src/test/resources/schema-snapshots");
    }

    /** The schema names of the top-level .avsc files (one per topic value type). */
    List<String> currentTypeNames() {
        try (Stream<Path> files = Files.list(moduleDir.resolve("src/main/avro"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".avsc"))
                    .map(n -> n.substring(0, n.length() - ".avsc".length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The current schema of a type, as the generated class carries it (named types inlined). */
    static Schema current(String typeName) {
        try {
            return SpecificData.get().getSchema(Class.forName(TYPES_PACKAGE + typeName));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no generated class for " + typeName + ".avsc", e);
        }
    }

    /** Every kept version of a type, oldest first; empty when it was never released. */
    List<Schema> versions(String typeName) {
        Path dir = snapshotDir().resolve(typeName);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Schema> versions = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().matches("v\\d+\\.avsc"))
                    .sorted(Comparator.comparingInt(SchemaSnapshots::versionOf)).toList()) {
                versions.add(new Schema.Parser().parse(Files.readString(file, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return versions;
    }

    private static int versionOf(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.length() - ".avsc".length()));
    }

    /** Writes a new version for every type whose current schema differs from its latest snapshot. */
    List<String> release() throws IOException {
        List<String> written = new ArrayList<>();
        for (String type : currentTypeNames()) {
            Schema current = current(type);
            List<Schema> versions = versions(type);
            if (!versions.isEmpty() && versions.get(versions.size() - 1).equals(current)) {
                continue;
            }
            Path file = snapshotDir().resolve(type).resolve("v" + (versions.size() + 1) + ".avsc");
            Files.createDirectories(file.getParent());
            Files.writeString(file, current.toString(true) + "\n", StandardCharsets.UTF_8);
            written.add(moduleDir.relativize(file).toString());
        }
        return written;
    }

    public static void main(String[] args) throws IOException {
        List<String> written = locate().release();
        System.out.println(written.isEmpty() ? "Snapshots are up to date." : "Wrote " + String.join(", ", written)
                + "\nCommit them; never edit or delete an existing snapshot.");
    }
}
