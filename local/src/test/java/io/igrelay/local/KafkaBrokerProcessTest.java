package io.igrelay.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker that cannot read its data folder's metadata gets a message saying what to delete, not a stack trace. */
class KafkaBrokerProcessTest {

    @TempDir
    Path dir;

    @Test
    void shouldExplainMetadataWrittenByANewerKafka() throws IOException {
        Path log = dir.resolve("kafka.log");
        Files.writeString(log, "ERROR Encountered fatal fault: caught exception\n"
                + "org.apache.kafka.server.common.serialization.MetadataParseException: Failed to deserialize record\n"
                + "Caused by: org.apache.kafka.common.errors.UnsupportedVersionException: Can't read version 4 of"
                + " BrokerEndpoint\n");
        StackStartException failure = new StackStartException("kafka exited during start-up");

        RuntimeException explained = KafkaBrokerProcess.explained(failure, dir.resolve("kafka"), log);

        assertThat(explained).isInstanceOf(StackStartException.class).hasCause(failure);
        assertThat(explained.getMessage()).contains("written by a newer Kafka").contains("delete " + dir + " and");
    }

    @Test
    void shouldLeaveOtherFailuresAsTheyWere() throws IOException {
        Path log = dir.resolve("kafka.log");
        Files.writeString(log, "ERROR Address already in use\n");
        StackStartException failure = new StackStartException("kafka exited during start-up");

        assertThat(KafkaBrokerProcess.explained(failure, dir, log)).isSameAs(failure);
        assertThat(KafkaBrokerProcess.explained(failure, dir, dir.resolve("missing.log"))).isSameAs(failure);
    }
}
