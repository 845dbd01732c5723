package io.igrelay.schemas.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/*
 * The schemas are the contract analytics consumers read in the registry, so every field says what it means:
 * each field of each record reachable from a topic value type has a doc, and so does each top-level record.
 */
class SchemaDocumentationTest {

    static Stream<String> types() {
        return SchemaSnapshots.locate().currentTypeNames().stream();
    }

    @ParameterizedTest
    @MethodSource("types")
    void shouldDocumentEveryField(String type) {
        Schema schema = SchemaSnapshots.current(type);
        assertThat(schema.getDoc()).as("doc of record " + type).isNotBlank();
        List<String> undocumented = new ArrayList<>();
        collectUndocumented(schema, new HashSet<>(), undocumented);
        assertThat(undocumented).as("fields without a doc in " + type).isEmpty();
    }

    private static void collectUndocumented(Schema schema, Set<String> seen, List<String> undocumented) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                for (Schema.Field field : schema.getFields()) {
                    if (field.doc() == null || field.doc().isBlank()) {
                        undocumented.add(schema.getName() + "." + field.name());
                    }
                    collectUndocumented(field.schema(), seen, undocumented);
                }
            }
            case UNION -> schema.getTypes().forEach(t -> collectUndocumented(t, seen, undocumented));
            case ARRAY -> collectUndocumented(schema.getElementType(), seen, undocumented);
            case MAP -> collectUndocumented(schema.getValueType(), seen, undocumented);
            default -> {
            }
        }
    }
}
