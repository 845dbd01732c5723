package io.igrelay.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.igrelay.avro.CommentAction;
import io.igrelay.avro.CommentActionKind;
import io.igrelay.avro.DeletionRequest;
import io.igrelay.avro.DeletionSubject;
import io.igrelay.avro.DeliveryState;
import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.MessageStatus;
import io.igrelay.avro.OutboundMessage;
import io.igrelay.avro.TextContent;
import io.igrelay.processor.ProcessorStores;
import io.igrelay.processor.comments.CommentFacts;
import io.igrelay.processor.testing.MetaFixtures;
import io.igrelay.processor.testing.TopologyHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gate's comment operations (contract §5.2): one private reply per comment within 7 days of it
 * (https://developers.facebook.com/docs/instagram-platform/private-replies), no window needed; moderation passes.
 */
class PrivateReplyGateTopologyTest {

    /** The fixture's entry time (webhook-comment.json), which is the comment's time. */
    private static final Instant COMMENTED = Instant.ofEpochSecond(1763899195);
    private static final String IGSID = "7309182736451928";
    private static final String COMMENT = "17919697626119712";
    private TopologyHarness harness;

    @BeforeEach
    void start() {
        harness = TopologyHarness.start(false, COMMENTED);
        harness.connectChannel(COMMENTED.minusSeconds(3600));
        harness.raw.pipeInput(TopologyHarness.ACCOUNT, MetaFixtures.resourceDelivery("webhook-comment.json"),
                COMMENTED);
        harness.events.readValuesToList();
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private MessageStatus request(CommentActionKind kind, String commentId, String to, Duration after) {
        OutboundMessage message = OutboundMessage.newBuilder().setMessageId(UUID.randomUUID().toString())
                .setApplicationId(TopologyHarness.APP).setFrom(TopologyHarness.CHANNEL).setTo(to)
                .setContent(new TextContent("We sent you the price in a DM")).setRequestedAt(COMMENTED)
                .setComment(new CommentAction(commentId, kind)).build();
        harness.requests.pipeInput(to, message, COMMENTED.plus(after));
        List<MessageStatus> statuses = harness.statuses.readValuesToList();
        assertThat(statuses).singleElement().extracting(MessageStatus::getMessageId)
                .isEqualTo(message.getMessageId());
        return statuses.get(0);
    }

    @Test
    void shouldAcceptAPrivateReplyWithoutAWindowAndKeepItsCommentOnTheCommand() {
        assertThat(request(CommentActionKind.PRIVATE_REPLY, COMMENT, IGSID, Duration.ofHours(1)).getStatus())
                .isEqualTo(DeliveryState.ENQUEUED);

        List<DispatchCommand> commands = harness.dispatch.readValuesToList();
        assertThat(commands).singleElement().satisfies(c -> {
            assertThat(c.getComment().getCommentId()).isEqualTo(COMMENT);
            assertThat(c.getComment().getAction()).isEqualTo(CommentActionKind.PRIVATE_REPLY);
            assertThat(c.getNotAfter()).isBefore(COMMENTED.plus(Duration.ofDays(7)))
                    .isAfter(COMMENTED.plus(Duration.ofDays(7)).minusSeconds(60));
        });
        assertThat(harness.windows.isEmpty()).isTrue();
    }

    @Test
    void shouldRefuseASecondPrivateReplyToTheSameComment() {
        request(CommentActionKind.PRIVATE_REPLY, COMMENT, IGSID, Duration.ofHours(1));
        harness.dispatch.readValuesToList();

        MessageStatus second = request(CommentActionKind.PRIVATE_REPLY, COMMENT, IGSID, Duration.ofHours(2));

        assertThat(second.getStatus()).isEqualTo(DeliveryState.REJECTED);
        assertThat(second.getErrorCode()).isEqualTo("PRIVATE_REPLY_USED");
        assertThat(harness.dispatch.isEmpty()).isTrue();
    }

    @Test
    void shouldAcceptAPrivateReplyJustBeforeSevenDaysAndRefuseOneAtSevenDays() {
        Duration almost = Duration.ofDays(7).minusSeconds(1);
        harness.raw.pipeInput(TopologyHarness.ACCOUNT, MetaFixtures.delivery("second", MetaFixtures
                .resource("webhook-comment-reply.json")), COMMENTED);
        String otherComment = harness.events.readValuesToList().get(0).getComment().getCommentId();
        String otherAuthor = harness.driver.<String, CommentFacts>getKeyValueStore(ProcessorStores.COMMENTS)
                .get(otherComment).igsid();

        MessageStatus expired = request(CommentActionKind.PRIVATE_REPLY, COMMENT, IGSID, Duration.ofDays(7));
        MessageStatus inTime = request(CommentActionKind.PRIVATE_REPLY, otherComment, otherAuthor, almost);

        assertThat(expired.getStatus()).isEqualTo(DeliveryState.REJECTED);
        assertThat(expired.getErrorCode()).isEqualTo("PRIVATE_REPLY_EXPIRED");
        assertThat(inTime.getStatus()).isEqualTo(DeliveryState.ENQUEUED);
    }

    @Test
    void shouldRefuseAPrivateReplyToAnUnknownCommentOrOneByAnotherUser() {
        assertThat(request(CommentActionKind.PRIVATE_REPLY, "17900000000000000", IGSID, Duration.ofHours(1))
                .getErrorCode()).isEqualTo("COMMENT_NOT_FOUND");
        assertThat(request(CommentActionKind.PRIVATE_REPLY, COMMENT, "7300000000000001", Duration.ofHours(1))
                .getErrorCode()).isEqualTo("COMMENT_NOT_FOUND");
        assertThat(harness.dispatch.isEmpty()).isTrue();
    }

    @Test
    void shouldPassPublicRepliesAndModerationWithoutAWindowEvenAfterSevenDays() {
        for (CommentActionKind kind : List.of(CommentActionKind.PUBLIC_REPLY, CommentActionKind.HIDE,
                CommentActionKind.UNHIDE, CommentActionKind.DELETE)) {
            assertThat(request(kind, COMMENT, IGSID, Duration.ofDays(9)).getStatus())
                    .isEqualTo(DeliveryState.ENQUEUED);
        }
        assertThat(harness.dispatch.readValuesToList()).extracting(c -> c.getComment().getAction())
                .containsExactly(CommentActionKind.PUBLIC_REPLY, CommentActionKind.HIDE, CommentActionKind.UNHIDE,
                        CommentActionKind.DELETE);
    }

    @Test
    void shouldForgetTheCommentsOfAnErasedUser() {
        harness.deletions.pipeInput("code-1", DeletionRequest.newBuilder().setConfirmationCode("code-1")
                .setSubjectType(DeletionSubject.IGSID).setSubjectId(IGSID).setApplicationId(TopologyHarness.APP)
                .setRequestedAt(COMMENTED.plusSeconds(60)).build(), COMMENTED.plusSeconds(60));

        assertThat(harness.deletionStatus.readValue().getRemoved()).containsEntry("comments", 1L);
        assertThat(request(CommentActionKind.PRIVATE_REPLY, COMMENT, IGSID, Duration.ofHours(1)).getErrorCode())
                .isEqualTo("COMMENT_NOT_FOUND");
    }
}
