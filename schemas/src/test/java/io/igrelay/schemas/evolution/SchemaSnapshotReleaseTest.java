package io.igrelay.schemas.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/*
 * The release step for schema snapshots, runnable without extra Maven plugins:
 *   mvn -pl schemas test -Dtest=SchemaSnapshotReleaseTest -Dsnapshots.update=true
 * Skipped in normal builds, so a build never rewrites the committed snapshots by itself.
 */
class SchemaSnapshotReleaseTest {

    @Test
    @EnabledIfSystemProperty(named = "snapshots.update", matches = "true")
    void shouldWriteSnapshotsOfChangedSchemas() throws Exception {
        SchemaSnapshots snapshots = SchemaSnapshots.locate();
        List<String> written = snapshots.release();
        System.out.println(written.isEmpty() ? "[snapshots] up to date" : "[snapshots] wrote " + written);
        for (String type : snapshots.currentTypeNames()) {
            List<org.apache.avro.Schema> versions = snapshots.versions(type);
            assertThat(versions).isNotEmpty();
            assertThat(versions.get(versions.size() - 1)).isEqualTo(SchemaSnapshots.current(type));
        }
    }
}
