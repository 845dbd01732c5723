package io.igrelay.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/*
 * Applies a CompatibilityLevel to a candidate schema and the versions already registered, with Avro's own
 * SchemaCompatibility (the same rules a Confluent registry applies). Used by the in-memory registry and by the
 * snapshot test, so both enforce what the real registry enforces.
 */
public final class AvroCompatibility {

    private AvroCompatibility() {
    }

    /** True when {@code candidate} may follow {@code existing} (oldest first) under {@code level}. */
    public static boolean isCompatible(CompatibilityLevel level, Schema candidate, List<Schema> existing) {
        return problems(level, candidate, existing).isEmpty();
    }

    /** Human-readable reasons why {@code candidate} may not follow {@code existing}; empty when it may. */
    public static List<String> problems(CompatibilityLevel level, Schema candidate, List<Schema> existing) {
        List<String> problems = new ArrayList<>();
        if (level == CompatibilityLevel.NONE || existing.isEmpty()) {
            return problems;
        }
        List<Schema> against = level.transitive() ? existing : List.of(existing.get(existing.size() - 1));
        for (int i = 0; i < against.size(); i++) {
            Schema old = against.get(i);
            String which = level.transitive() ? "version " + (i + 1) : "the latest version";
            if (level.backward()) {
                describe(candidate, old, "new schema cannot read data written with " + which, problems);
            }
            if (level.forward()) {
                describe(old, candidate, which + " cannot read data written with the new schema", problems);
            }
        }
        return problems;
    }

    private static void describe(Schema reader, Schema writer, String what, List<String> problems) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
            problems.add(what + ": " + result.getResult().getIncompatibilities());
        }
    }
}
