package io.igrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The README's table is replaced between its markers, and nothing else in the README changes. */
class ReadmeTableTest {

    @Test
    void shouldReplaceOnlyWhatIsBetweenTheMarkers() {
        String readme = "# title\n\nbefore\n" + ReadmeTable.START + "\nold table\n" + ReadmeTable.END + "\nafter\n";

        String updated = ReadmeTable.replace(readme, "| new | table |\n");

        assertThat(updated).isEqualTo("# title\n\nbefore\n" + ReadmeTable.START + "\n| new | table |\n"
                + ReadmeTable.END + "\nafter\n");
    }

    @Test
    void shouldSayWhereTheMarkersGoWhenTheyAreMissing() {
        assertThatThrownBy(() -> ReadmeTable.replace("# no markers\n", "x"))
                .hasMessageContaining("no benchmark table markers").hasMessageContaining(ReadmeTable.START);
    }
}
