package io.igrelay.schemas.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/*
 * Every schema change must stay readable against what is already on the topics: each current schema reads data
 * of every released snapshot (BACKWARD, transitively), and OutboundMessage — written by producers outside the hub,
 * who upgrade on their own schedule — is also readable by every released version (FULL_TRANSITIVE).
 * The negative cases prove the check bites.
 */
class SchemaEvolutionTest {

    private static final String OUTSIDE_WRITTEN = "OutboundMessage";
    private static final SchemaSnapshots SNAPSHOTS = SchemaSnapshots.locate();

    static Stream<String> types() {
        return SNAPSHOTS.currentTypeNames().stream();
    }

    @ParameterizedTest
    @MethodSource("types")
    void shouldHaveAReleasedSnapshot(String type) {
        assertThat(SNAPSHOTS.versions(type))
                .as("%s has no snapshot: run mvn -pl schemas test -Dtest=SchemaSnapshotReleaseTest"
                        + " -Dsnapshots.update=true and commit the file", type)
                .isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("types")
    void shouldReadDataOfEveryReleasedVersion(String type) {
        Schema current = SchemaSnapshots.current(type);
        assertThat(backwardProblems(current, SNAPSHOTS.versions(type))).as("BACKWARD_TRANSITIVE of " + type).isEmpty();
    }

    @Test
    void shouldKeepOutboundMessageFullTransitive() {
        Schema current = SchemaSnapshots.current(OUTSIDE_WRITTEN);
        List<Schema> released = SNAPSHOTS.versions(OUTSIDE_WRITTEN);
        assertThat(released).isNotEmpty();
        assertThat(backwardProblems(current, released)).isEmpty();
        assertThat(forwardProblems(current, released)).isEmpty();
    }

    @Test
    void shouldRejectAddedFieldWithoutDefault() {
        Schema changed = addField(SchemaSnapshots.current(OUTSIDE_WRITTEN),
                "{\"name\":\"priority\",\"type\":\"int\",\"doc\":\"no default\"}");
        List<Schema> released = SNAPSHOTS.versions(OUTSIDE_WRITTEN);
        assertThat(backwardProblems(changed, released)).as("one problem per released version")
                .hasSize(released.size()).allSatisfy(problem -> assertThat(problem).contains("priority"));
    }

    @Test
    void shouldRejectRemovedUnionBranch() {
        Schema current = SchemaSnapshots.current(OUTSIDE_WRITTEN);
        List<Schema> branches = new ArrayList<>(current.getField("content").schema().getTypes());
        assertThat(branches.removeIf(b -> b.getName().equals("StickerContent"))).isTrue();
        Schema changed = withContentUnion(current, branches);
        assertThat(backwardProblems(changed, SNAPSHOTS.versions(OUTSIDE_WRITTEN)))
                .anySatisfy(problem -> assertThat(problem).contains("MISSING_UNION_BRANCH"));
    }

    @Test
    void shouldRejectNewContentKindUnderFullTransitiveSinceOldReadersCannotReadIt() {
        // a documented limit: adding a content kind to the union is BACKWARD but not FORWARD compatible
        Schema current = SchemaSnapshots.current(OUTSIDE_WRITTEN);
        List<Schema> branches = new ArrayList<>(current.getField("content").schema().getTypes());
        branches.add(Schema.createRecord("LocationContent", "A shared location.", "io.igrelay.avro", false,
                List.of(new Schema.Field("lat", Schema.create(Schema.Type.DOUBLE), "Latitude."))));
        Schema changed = withContentUnion(current, branches);
        List<Schema> released = SNAPSHOTS.versions(OUTSIDE_WRITTEN);
        assertThat(backwardProblems(changed, released)).isEmpty();
        assertThat(forwardProblems(changed, released)).isNotEmpty();
    }

    private static Schema withContentUnion(Schema record, List<Schema> branches) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : record.getFields()) {
            fields.add(new Schema.Field(field, field.name().equals("content") ? Schema.createUnion(branches)
                    : field.schema()));
        }
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }

    private static Schema addField(Schema schema, String fieldJson) {
        String json = schema.toString();
        int end = json.lastIndexOf(']');
        return new Schema.Parser().parse(json.substring(0, end) + "," + fieldJson + json.substring(end));
    }

    /** What keeps {@code reader} from reading data written with each of {@code writers}. */
    static List<String> backwardProblems(Schema reader, List<Schema> writers) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < writers.size(); i++) {
            problems.addAll(problems(reader, writers.get(i), "current reads v" + (i + 1)));
        }
        return problems;
    }

    /** What keeps each of {@code readers} from reading data written with {@code writer}. */
    static List<String> forwardProblems(Schema writer, List<Schema> readers) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < readers.size(); i++) {
            problems.addAll(problems(readers.get(i), writer, "v" + (i + 1) + " reads current"));
        }
        return problems;
    }

    private static List<String> problems(Schema reader, Schema writer, String what) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return List.of();
        }
        return result.getResult().getIncompatibilities().stream()
                .map(i -> what + ": " + i.getType() + " at " + i.getLocation() + " " + i.getMessage()).toList();
    }
}
