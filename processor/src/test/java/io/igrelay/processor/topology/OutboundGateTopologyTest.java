package io.igrelay.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.Author;
import io.igrelay.avro.DeliveryState;
import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.MessagingType;
import io.igrelay.avro.OutboundMessage;
import io.igrelay.avro.SenderAction;
import io.igrelay.avro.SenderActionContent;
import io.igrelay.avro.TextContent;
import io.igrelay.processor.outbound.AccountPartitioner;
import io.igrelay.processor.testing.MetaFixtures;
import io.igrelay.processor.testing.TopologyHarness;
import io.igrelay.processor.testing.Webhooks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbound gate's window rules (contract §6.2) at the boundaries the issue names, with time driven explicitly. */
class OutboundGateTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final String IGSID = "7309182736451928";
    private TopologyHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private void start(boolean humanAgentFlag, boolean applicationAllowed) {
        harness = TopologyHarness.start(humanAgentFlag, T0);
        harness.connectChannel(T0.minusSeconds(3600));
        harness.application(TopologyHarness.APP, applicationAllowed, T0.minusSeconds(3600));
        harness.raw.pipeInput(TopologyHarness.ACCOUNT, MetaFixtures.delivery("d1", Webhooks.delivery(List.of(
                Webhooks.message(IGSID, "m-user-1", T0, "hello")))), T0);
    }

    private MessageStatus send(Duration after, Author author) {
        return send(after, author, TopologyHarness.CHANNEL, new TextContent("hi"));
    }

    private MessageStatus send(Duration after, Author author, String from, Object content) {
        OutboundMessage message = OutboundMessage.newBuilder().setMessageId(UUID.randomUUID().toString())
                .setApplicationId(TopologyHarness.APP).setFrom(from).setTo(IGSID).setContent(content)
                .setRequestedAt(T0).setAuthoredBy(author).build();
        harness.requests.pipeInput(IGSID, message, T0.plus(after));
        List<MessageStatus> statuses = harness.statuses.readValuesToList();
        assertThat(statuses).singleElement().extracting(MessageStatus::getMessageId)
                .isEqualTo(message.getMessageId());
        return statuses.get(0);
    }

    private MessageStatus reply(String replyTo) {
        OutboundMessage message = OutboundMessage.newBuilder().setMessageId(UUID.randomUUID().toString())
                .setApplicationId(TopologyHarness.APP).setFrom(TopologyHarness.CHANNEL).setTo(IGSID)
                .setContent(new TextContent("yes")).setRequestedAt(T0).setReplyTo(replyTo).build();
        harness.requests.pipeInput(IGSID, message, T0.plus(Duration.ofMinutes(1)));
        return harness.statuses.readValuesToList().get(0);
    }

    @Test
    void shouldResolveAQuoteReplyToTheHubIdOfAnInboundMessageIntoItsMid() {
        start(false, false);
        String hubId = harness.events.readValuesToList().get(0).getEventId();

        assertThat(reply(hubId).getStatus()).isEqualTo(DeliveryState.ENQUEUED);
        assertThat(onlyCommand().getReplyToMid()).isEqualTo("m-user-1");
    }

    @Test
    void shouldPassAQuoteReplyToAMetaMidAsItIs() {
        start(false, false);

        assertThat(reply("aWdfZAG1faWQ6MTIzNDU2").getStatus()).isEqualTo(DeliveryState.ENQUEUED);
        assertThat(onlyCommand().getReplyToMid()).isEqualTo("aWdfZAG1faWQ6MTIzNDU2");
    }

    @Test
    void shouldRejectAQuoteReplyToAnUnknownHubMessage() {
        start(false, false);

        MessageStatus status = reply(UUID.randomUUID().toString());

        assertThat(status.getStatus()).isEqualTo(DeliveryState.REJECTED);
        assertThat(status.getErrorCode()).isEqualTo("MESSAGE_NOT_FOUND");
        assertThat(harness.dispatch.readValuesToList()).isEmpty();
    }

    private DispatchCommand onlyCommand() {
        List<DispatchCommand> commands = harness.dispatch.readValuesToList();
        assertThat(commands).hasSize(1);
        return commands.get(0);
    }

    @Test
    void shouldSendAutomatedReplyAsResponseAt23h59() {
        start(false, false);
        MessageStatus status = send(Duration.ofHours(23).plusMinutes(59), Author.AUTOMATED);
        assertThat(status.getStatus()).isEqualTo(DeliveryState.ENQUEUED);
        DispatchCommand command = onlyCommand();
        assertThat(command.getMessagingType()).isEqualTo(MessagingType.RESPONSE);
        assertThat(command.getTag()).isNull();
        assertThat(command.getNotAfter()).isEqualTo(T0.plus(Duration.ofHours(24)).minusSeconds(10));
        assertThat(command.getAcceptedAt()).isEqualTo(T0.plus(Duration.ofHours(23).plusMinutes(59)));
    }

    @Test
    void shouldRejectAutomatedReplyAt24h01EvenWithHumanAgentEnabledAndAllowed() {
        start(true, true);
        MessageStatus status = send(Duration.ofHours(24).plusMinutes(1), Author.AUTOMATED);
        assertThat(status.getStatus()).isEqualTo(DeliveryState.REJECTED);
        assertThat(status.getErrorCode()).isEqualTo("WINDOW_CLOSED");
        assertThat(harness.dispatch.isEmpty()).isTrue();
    }

    @Test
    void shouldRejectAtExactly24HoursBecauseBoundariesAreStrict() {
        start(false, false);
        assertThat(send(Duration.ofHours(24), Author.AUTOMATED).getErrorCode()).isEqualTo("WINDOW_CLOSED");
        assertThat(send(Duration.ofHours(24).minusMillis(1), Author.AUTOMATED).getStatus())
                .isEqualTo(DeliveryState.ENQUEUED);
    }

    @Test
    void shouldTagHumanReplyAt24h01WhenFlagAndApplicationAllowIt() {
        start(true, true);
        assertThat(send(Duration.ofHours(24).plusMinutes(1), Author.HUMAN).getStatus())
                .isEqualTo(DeliveryState.ENQUEUED);
        DispatchCommand command = onlyCommand();
        assertThat(command.getMessagingType()).isEqualTo(MessagingType.MESSAGE_TAG);
        assertThat(command.getTag()).isEqualTo("HUMAN_AGENT");
    }

    @Test
    void shouldRejectHumanReplyAt24h01WithoutTheFlag() {
        start(false, true);
        assertThat(send(Duration.ofHours(24).plusMinutes(1), Author.HUMAN).getErrorCode())
                .isEqualTo("WINDOW_CLOSED");
    }

    @Test
    void shouldRejectHumanReplyAt24h01WhenTheApplicationIsNotAllowed() {
        start(true, false);
        assertThat(send(Duration.ofHours(24).plusMinutes(1), Author.HUMAN).getErrorCode())
                .isEqualTo("WINDOW_CLOSED");
    }

    @Test
    void shouldTagHumanReplyAt6Days23HoursWithNotAfterBeforeTheSevenDays() {
        start(true, true);
        assertThat(send(Duration.ofDays(6).plusHours(23), Author.HUMAN).getStatus())
                .isEqualTo(DeliveryState.ENQUEUED);
        DispatchCommand command = onlyCommand();
        assertThat(command.getTag()).isEqualTo("HUMAN_AGENT");
        assertThat(command.getNotAfter()).isEqualTo(T0.plus(Duration.ofDays(7)).minusSeconds(10));
    }

    @Test
    void shouldRejectAutomatedReplyAt6Days23Hours() {
        start(true, true);
        assertThat(send(Duration.ofDays(6).plusHours(23), Author.AUTOMATED).getErrorCode())
                .isEqualTo("WINDOW_CLOSED");
    }

    @Test
    void shouldRejectEvenHumanRepliesAt7Days1Minute() {
        start(true, true);
        assertThat(send(Duration.ofDays(7).plusMinutes(1), Author.HUMAN).getErrorCode())
                .isEqualTo("WINDOW_CLOSED");
        assertThat(send(Duration.ofDays(7).plusMinutes(1), Author.AUTOMATED).getErrorCode())
                .isEqualTo("WINDOW_CLOSED");
    }

    @Test
    void shouldRejectSenderActionsPast24HoursEvenForHumans() {
        start(true, true);
        assertThat(send(Duration.ofHours(25), Author.HUMAN, TopologyHarness.CHANNEL,
                new SenderActionContent(SenderAction.TYPING_ON)).getErrorCode()).isEqualTo("WINDOW_CLOSED");
    }

    @Test
    void shouldAnswerNoConversationForAnIgsidThatNeverWrote() {
        start(false, false);
        OutboundMessage message = OutboundMessage.newBuilder().setMessageId("m-x").setApplicationId(
                        TopologyHarness.APP).setFrom(TopologyHarness.CHANNEL).setTo("999").setContent(new TextContent("x"))
                .setRequestedAt(T0).build();
        harness.requests.pipeInput("999", message, T0.plusSeconds(5));
        assertThat(harness.statuses.readValue().getErrorCode()).isEqualTo("NO_CONVERSATION");
    }

    @Test
    void shouldAnswerNoConversationAfterTheContactHorizon() {
        start(true, true);
        assertThat(send(Duration.ofDays(89), Author.HUMAN).getErrorCode()).isEqualTo("WINDOW_CLOSED");
        assertThat(send(Duration.ofDays(90), Author.HUMAN).getErrorCode()).isEqualTo("NO_CONVERSATION");
    }

    @Test
    void shouldResolveFromAsUuidUsernameAndAtUsernameCaseInsensitively() {
        start(false, false);
        for (String from : List.of(TopologyHarness.CHANNEL, "fixture.shop", "@FIXTURE.Shop", "Fixture.Shop")) {
            assertThat(send(Duration.ofHours(1), Author.AUTOMATED, from, new TextContent("x")).getStatus())
                    .as(from).isEqualTo(DeliveryState.ENQUEUED);
        }
    }

    @Test
    void shouldNotFindAnotherApplicationsChannel() {
        start(false, false);
        String otherChannel = "6a2b7a8e-1d5e-4b8a-9f1e-222222222222";
        harness.connect(otherChannel, "app-2", "17841407715263948", "other.shop", T0);
        for (String from : List.of(otherChannel, "other.shop", "@other.shop", "unknown")) {
            MessageStatus status = send(Duration.ofHours(1), Author.AUTOMATED, from, new TextContent("x"));
            assertThat(status.getErrorCode()).as(from).isEqualTo("CHANNEL_NOT_FOUND");
        }
        assertThat(harness.dispatch.isEmpty()).isTrue();
    }

    @Test
    void shouldKeyDispatchByAccountAndIgsidAndPartitionByAccountOnly() {
        start(false, false);
        send(Duration.ofHours(1), Author.AUTOMATED);
        TestRecord<String, DispatchCommand> record = harness.dispatch.readRecord();
        assertThat(record.key()).isEqualTo(TopologyHarness.ACCOUNT + "|" + IGSID);
        assertThat(AccountPartitioner.partitionOf(record.key(), 6))
                .isEqualTo(AccountPartitioner.partitionOf(TopologyHarness.ACCOUNT + "|another-igsid", 6));
    }

    @Test
    void shouldIgnoreARetriedRequestWithTheSameMessageId() {
        start(false, false);
        OutboundMessage message = OutboundMessage.newBuilder().setMessageId("same").setApplicationId(
                        TopologyHarness.APP).setFrom(TopologyHarness.CHANNEL).setTo(IGSID).setContent(new TextContent("x"))
                .setRequestedAt(T0).build();
        harness.requests.pipeInput(IGSID, message, T0.plusSeconds(5));
        harness.requests.pipeInput(IGSID, message, T0.plusSeconds(6));
        assertThat(harness.dispatch.readValuesToList()).hasSize(1);
    }

    @Test
    void shouldRejectDisconnectedChannel() {
        start(false, false);
        harness.channelEvents.pipeInput(TopologyHarness.CHANNEL, io.igrelay.avro.ChannelEvent.newBuilder()
                .setEventId("e").setChannelId(TopologyHarness.CHANNEL)
                .setType(io.igrelay.avro.ChannelEventType.DISCONNECTED).setAt(T0).build(), T0);
        assertThat(send(Duration.ofHours(1), Author.AUTOMATED).getErrorCode()).isEqualTo("CHANNEL_DISCONNECTED");
    }

    private void deliver(String id, String item, Instant at) {
        harness.raw.pipeInput(TopologyHarness.ACCOUNT, MetaFixtures.delivery(id, Webhooks.delivery(List.of(item))),
                at);
    }

    @Test
    void shouldRunHumanAgentFromTheLastMessageNotFromAReactionPostbackOrReferral() {
        start(true, true);
        Instant day6 = T0.plus(Duration.ofDays(6));
        deliver("r", Webhooks.reaction(IGSID, "m-business", day6, "react"), day6);
        deliver("p", Webhooks.postback(IGSID, "m-postback", day6.plusSeconds(60)), day6.plusSeconds(60));
        deliver("i", Webhooks.userItem(IGSID, day6.plusSeconds(120), "\"referral\":{\"ref\":\"r\","
                + "\"source\":\"https://ig.me/m/shop?ref=r\",\"type\":\"OPEN_THREAD\"}"), day6.plusSeconds(120));
        assertThat(send(Duration.ofDays(6).plusHours(23), Author.AUTOMATED).getStatus())
                .as("the reaction, postback and referral opened the standard window").isEqualTo(DeliveryState.ENQUEUED);
        harness.dispatch.readValuesToList();
        MessageStatus late = send(Duration.ofDays(7).plusMinutes(5), Author.HUMAN);
        assertThat(late.getStatus()).isEqualTo(DeliveryState.REJECTED);
        assertThat(late.getErrorCode()).isEqualTo("WINDOW_CLOSED");
    }

    @Test
    void shouldExtendHumanAgentOnALaterMessage() {
        start(true, true);
        Instant day6 = T0.plus(Duration.ofDays(6));
        deliver("m2", Webhooks.message(IGSID, "m-user-2", day6, "still there?"), day6);
        assertThat(send(Duration.ofDays(12), Author.HUMAN).getStatus()).isEqualTo(DeliveryState.ENQUEUED);
        assertThat(onlyCommand().getTag()).isEqualTo("HUMAN_AGENT");
    }
}
