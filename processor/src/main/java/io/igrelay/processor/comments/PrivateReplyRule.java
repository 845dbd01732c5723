package io.igrelay.processor.comments;

import io.igrelay.schemas.contract.HubErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Meta's private-reply rule, applied in one place (the gate and the processor's query both call it): a business may
 * answer a user's comment with one private message, within 7 days of the comment
 * (https://developers.facebook.com/docs/instagram-platform/private-replies; contract §5.2 comment operations). A
 * comment the hub does not know, or one on another account or by another user, cannot be answered privately. The
 * DM window is not needed and not opened: it opens only when the user answers.
 */
public final class PrivateReplyRule {

    /** How long after a comment a private reply may be sent. */
    public static final Duration PERIOD = Duration.ofDays(7);

    /** Why a private reply is refused: the hub API's error code and a sentence. */
    public record Refusal(String errorCode, String message) {
    }

    private PrivateReplyRule() {
    }

    /**
     * @param facts       the comment as the comments store holds it, or null when unknown
     * @param igAccountId the account of the channel that would answer
     * @param igsid       the user the request names as the comment's author
     */
    public static Optional<Refusal> check(CommentFacts facts, String igAccountId, String igsid, String commentId,
                                          Instant now) {
        if (facts == null || !facts.igAccountId().equals(igAccountId) || !facts.igsid().equals(igsid)) {
            return Optional.of(new Refusal(HubErrorCode.COMMENT_NOT_FOUND.name(), "no comment " + commentId
                    + " by " + igsid + " on this channel's media"));
        }
        if (facts.privatelyAnswered()) {
            return Optional.of(new Refusal(HubErrorCode.PRIVATE_REPLY_USED.name(), "comment " + commentId
                    + " already has its private reply (message " + facts.privateReplyMessageId() + ")"));
        }
        if (!now.isBefore(deadline(facts))) {
            return Optional.of(new Refusal(HubErrorCode.PRIVATE_REPLY_EXPIRED.name(), "comment " + commentId
                    + " was made at " + Instant.ofEpochMilli(facts.commentedAt())
                    + "; a private reply is possible for 7 days"));
        }
        return Optional.empty();
    }

    /** The last moment a private reply to this comment may reach Meta. */
    public static Instant deadline(CommentFacts facts) {
        return Instant.ofEpochMilli(facts.commentedAt()).plus(PERIOD);
    }
}
