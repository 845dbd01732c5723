package io.igrelay.ingress.meta.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.ingress.support.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeliveryInspectionTest {

    static Stream<String> webhookFixtures() throws IOException {
        try (Stream<Path> files = Files.list(Fixtures.dir())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("webhook-")).sorted()
                    .toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("webhookFixtures")
    void shouldKeyEveryFixtureByItsFirstEntryIdAndFindNothingMalformed(String file) {
        DeliveryInspection inspection = DeliveryInspection.of(Fixtures.bytes(file));
        assertThat(inspection.malformed()).isFalse();
        assertThat(inspection.firstEntryId()).isPresent();
    }

    @Test
    void shouldKeyABatchedDeliveryByTheFirstEntry() {
        assertThat(DeliveryInspection.of(Fixtures.bytes("webhook-batched.json")).firstEntryId())
                .contains(Fixtures.json("webhook-batched.json").getJsonArray("entry").getJsonObject(0).getValue("id")
                        .toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1,2]", "{\"object\":\"page\",\"entry\":[{\"id\":\"1\"}]}",
            "{\"object\":\"instagram\"}", "{\"object\":\"instagram\",\"entry\":[]}",
            "{\"object\":\"instagram\",\"entry\":[{\"id\":\"1\"}]", "{\"object\":\"instagram\",\"entry\":[{\"id\":\"1\"}]} x"})
    void shouldFlagBodiesThatAreNotAnInstagramObject(String body) {
        assertThat(DeliveryInspection.of(body.getBytes(StandardCharsets.UTF_8)).malformed()).isTrue();
    }

    @Test
    void shouldAcceptANumericEntryId() {
        DeliveryInspection inspection = DeliveryInspection.of(
                "{\"entry\":[{\"time\":1,\"id\":17841463920184527}],\"object\":\"instagram\"}"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(inspection.malformed()).isFalse();
        assertThat(inspection.firstEntryId()).contains("17841463920184527");
    }
}
