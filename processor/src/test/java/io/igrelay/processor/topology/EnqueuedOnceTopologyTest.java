package io.igrelay.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.DeliveryState;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.OutboundMessage;
import io.igrelay.avro.TextContent;
import io.igrelay.processor.outbound.OutboundGateProcessor;
import io.igrelay.processor.status.StatusView;
import io.igrelay.processor.testing.MetaFixtures;
import io.igrelay.processor.testing.TopologyHarness;
import io.igrelay.processor.testing.Webhooks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One ENQUEUED per message (contract §6.4): the hub API publishes it for the requests it accepts, the gate for requests
 * produced straight to ig.outbound.requests by producers outside the hub, never both.
 */
class EnqueuedOnceTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final String IGSID = "7309182736451928";
    private TopologyHarness harness;

    @BeforeEach
    void start() {
        harness = TopologyHarness.start(false, T0);
        harness.connectChannel(T0.minusSeconds(3600));
        harness.raw.pipeInput(TopologyHarness.ACCOUNT, MetaFixtures.delivery("d1", Webhooks.delivery(List.of(
                Webhooks.message(IGSID, "m-user-1", T0, "hello")))), T0);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private static OutboundMessage message(String messageId) {
        return OutboundMessage.newBuilder().setMessageId(messageId).setApplicationId(TopologyHarness.APP)
                .setFrom(TopologyHarness.CHANNEL).setTo(IGSID).setContent(new TextContent("hi")).setRequestedAt(T0)
                .build();
    }

    /** A request as the hub API writes it: marked, because the API publishes the ENQUEUED status itself. */
    private void apiRequest(String messageId, Instant at) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(OutboundGateProcessor.ENQUEUED_BY_HEADER, "ingress".getBytes(StandardCharsets.UTF_8));
        harness.requests.pipeInput(new TestRecord<>(IGSID, message(messageId), headers, at));
    }

    /** The API's own ENQUEUED status, as the ingress publishes it after the request was acknowledged. */
    private void apiEnqueued(String messageId, Instant at) {
        harness.statusIn.pipeInput(IGSID, status(messageId, DeliveryState.ENQUEUED, at), at);
    }

    private static MessageStatus status(String messageId, DeliveryState state, Instant at, String... mids) {
        return MessageStatus.newBuilder().setMessageId(messageId).setApplicationId(TopologyHarness.APP)
                .setTo(IGSID).setStatus(state).setMetaMessageIds(List.of(mids)).setAt(at).setDecisionTime(at)
                .build();
    }

    private List<String> history(String messageId) {
        StatusView row = harness.driver.<String, StatusView>getKeyValueStore("status-by-id").get(messageId);
        assertThat(row).isNotNull();
        return row.history().stream().map(StatusView.Step::status).toList();
    }

    @Test
    void shouldEnqueueARequestOfAnOutsideProducerOnce() {
        harness.requests.pipeInput(IGSID, message("outside-1"), T0.plusSeconds(10));
        assertThat(harness.statuses.readValuesToList()).extracting(MessageStatus::getStatus)
                .containsExactly(DeliveryState.ENQUEUED);
        assertThat(harness.dispatch.readValuesToList()).hasSize(1);
        assertThat(history("outside-1")).containsExactly("ENQUEUED");
    }

    @Test
    void shouldLeaveEnqueuedToTheHubApiWhenTheRequestIsMarked() {
        apiRequest("api-1", T0.plusSeconds(10));
        assertThat(harness.dispatch.readValuesToList()).extracting(c -> c.getMessageId()).containsExactly("api-1");
        assertThat(harness.statuses.isEmpty()).isTrue();
        apiEnqueued("api-1", T0.plusSeconds(10));
        harness.statusIn.pipeInput(IGSID, status("api-1", DeliveryState.SENT, T0.plusSeconds(11), "meta-1"),
                T0.plusSeconds(11));
        assertThat(history("api-1")).containsExactly("ENQUEUED", "SENT");
    }

    @Test
    void shouldNotEnqueueAgainWhenTheStatusTableAlreadyHoldsTheApisEnqueued() {
        apiEnqueued("api-2", T0.plusSeconds(9));
        harness.requests.pipeInput(IGSID, message("api-2"), T0.plusSeconds(10));
        assertThat(harness.dispatch.readValuesToList()).hasSize(1);
        assertThat(harness.statuses.isEmpty()).isTrue();
        assertThat(history("api-2")).containsExactly("ENQUEUED");
    }

    @Test
    void shouldStillRejectAMarkedRequestTheGateRefuses() {
        harness.advance(Duration.ofDays(8));
        apiRequest("api-late", T0.plus(Duration.ofDays(8)));
        List<MessageStatus> statuses = harness.statuses.readValuesToList();
        assertThat(statuses).extracting(MessageStatus::getStatus).containsExactly(DeliveryState.REJECTED);
        assertThat(statuses.get(0).getErrorCode()).isEqualTo("WINDOW_CLOSED");
        assertThat(harness.dispatch.isEmpty()).isTrue();
    }
}
