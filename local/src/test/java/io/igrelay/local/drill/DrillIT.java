package io.igrelay.local.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The fault drill's short form, as {@code ./igrelay drill} runs it: its own stack on free ports and a temp folder,
 * every fault for a few seconds, and not one accepted message lost. The printed table is the failure message.
 */
class DrillIT {

    @Test
    void shouldLoseNothingThroughEveryFault() throws Exception {
        String classpath = "target/classes" + File.pathSeparator
                + Files.readString(Path.of("target/classpath.txt")).trim();
        Path apicurio = Path.of(System.getProperty("apicurio.dir", "target/apicurio"));
        var printed = new ByteArrayOutputStream();
        var out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        boolean passed = DrillMain.run(DrillOptions.shortForm(), out, classpath, apicurio);

        String table = printed.toString(StandardCharsets.UTF_8);
        System.out.println(table);
        assertThat(table).contains("| baseline (no fault) |");
        assertThat(passed).as(table).isTrue();
    }
}
