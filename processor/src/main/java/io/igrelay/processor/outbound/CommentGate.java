package io.igrelay.processor.outbound;

import io.igrelay.avro.CommentAction;
import io.igrelay.avro.CommentActionKind;
import io.igrelay.avro.MessagingType;
import io.igrelay.avro.OutboundMessage;
import io.igrelay.processor.comments.CommentFacts;
import io.igrelay.processor.comments.PrivateReplyRule;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The comment half of the outbound gate (contract §5.2 comment operations), in place of the window check: a private
 * reply must pass {@link PrivateReplyRule} and then uses up the comment's one private reply (recorded at once, so a
 * second request in the same conversation is refused before any call); its notAfter is the end of the comment's 7
 * days minus the margin. Public replies, hiding, unhiding and deleting need no window: Meta alone knows the
 * comment's state, so they go out with a one-day notAfter and Meta's refusals become their failed status.
 */
final class CommentGate {

    /** How long a public reply or moderation call may wait for Meta (it retries while Meta is away). */
    static final Duration MODERATION_DEADLINE = Duration.ofDays(1);

    private final KeyValueStore<String, CommentFacts> comments;
    private final Duration margin;

    CommentGate(KeyValueStore<String, CommentFacts> comments, Duration margin) {
        this.comments = comments;
        this.margin = margin;
    }

    Verdict check(OutboundMessage message, String igAccountId, Instant now) {
        CommentAction action = message.getComment();
        if (action.getAction() != CommentActionKind.PRIVATE_REPLY) {
            return Verdict.accept(MessagingType.RESPONSE, null, now.plus(MODERATION_DEADLINE));
        }
        CommentFacts facts = comments.get(action.getCommentId());
        Optional<PrivateReplyRule.Refusal> refusal = PrivateReplyRule.check(facts, igAccountId, message.getTo(),
                action.getCommentId(), now);
        if (refusal.isPresent()) {
            return Verdict.reject(refusal.get().errorCode(), refusal.get().message());
        }
        comments.put(action.getCommentId(), facts.withPrivateReply(message.getMessageId(), now.toEpochMilli()));
        Instant notAfter = PrivateReplyRule.deadline(facts).minus(margin);
        return Verdict.accept(MessagingType.RESPONSE, null, notAfter.isAfter(now) ? notAfter : now);
    }
}
