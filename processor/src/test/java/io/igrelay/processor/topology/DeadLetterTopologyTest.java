package io.igrelay.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.DeadLetter;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.OutboundMessage;
import io.igrelay.avro.TextContent;
import io.igrelay.processor.testing.TopologyHarness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input never blocks a partition (contract §8): an undecodable outbound request is dead-lettered and skipped. */
class DeadLetterTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private TopologyHarness harness;

    @BeforeEach
    void start() {
        harness = TopologyHarness.start(false, T0);
        harness.connectChannel(T0);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void shouldDeadLetterAnUndecodableRequestAndKeepProcessingTheNext() {
        byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
        harness.rawRequests.pipeInput("123".getBytes(StandardCharsets.UTF_8), garbage, T0);
        harness.requests.pipeInput("123", OutboundMessage.newBuilder().setMessageId("after-garbage")
                .setApplicationId(TopologyHarness.APP).setFrom(TopologyHarness.CHANNEL).setTo("123")
                .setContent(new TextContent("x")).setRequestedAt(T0).build(), T0.plusSeconds(1));
        DeadLetter letter = harness.deadLetters.readValue();
        assertThat(letter.getTopic()).isEqualTo("ig.outbound.requests");
        assertThat(letter.getOriginalValue().array()).isEqualTo(garbage);
        assertThat(harness.statuses.readValuesToList()).extracting(MessageStatus::getMessageId)
                .containsExactly("after-garbage");
    }

    @Test
    void shouldDeadLetterAnUndecodableStatusWithItsKeyAndOffset() {
        byte[] key = "igsid-1".getBytes(StandardCharsets.UTF_8);
        byte[] garbage = new byte[] {0, 0, 0, 0, 42, 1, 2};
        harness.rawStatuses.pipeInput(key, garbage, T0);
        var record = harness.deadLetters.readRecord();
        assertThat(record.key()).isNull();
        DeadLetter letter = record.value();
        assertThat(letter.getTopic()).isEqualTo("ig.message.status");
        assertThat(letter.getOffset()).isZero();
        assertThat(letter.getOriginalKey().array()).isEqualTo(key);
        assertThat(letter.getOriginalValue().array()).isEqualTo(garbage);
        assertThat(letter.getErrorClass()).contains("Exception");
        assertThat(harness.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldPassATombstoneRequestOnWithoutADeadLetter() {
        harness.rawRequests.pipeInput("123".getBytes(StandardCharsets.UTF_8), null, T0);
        assertThat(harness.deadLetters.isEmpty()).isTrue();
        assertThat(harness.statuses.isEmpty()).isTrue();
    }
}
