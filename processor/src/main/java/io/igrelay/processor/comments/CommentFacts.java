package io.igrelay.processor.comments;

import io.igrelay.avro.InstagramEvent;

/**
 * What the gate needs to know of one user comment to decide a private reply to it (contract §5.2 comment
 * operations): whose it is, on which account, when it was made, and the private reply it already got, if any.
 * The comment's time is Meta's timestamp, never later than the hub received it: an absurdly old timestamp makes the
 * comment expired, a refusal Meta would make too. Kept in the comments store, keyed by comment id, on the
 * partition of its author's IGSID.
 */
public record CommentFacts(String commentId, String igsid, String igAccountId, String mediaId, boolean live,
                           long commentedAt, String privateReplyMessageId, long privateReplyAt) {

    public static CommentFacts of(InstagramEvent event) {
        long at = Math.min(event.getTimestamp().toEpochMilli(), event.getReceivedAt().toEpochMilli());
        return new CommentFacts(event.getComment().getCommentId(), event.getIgsid(), event.getIgAccountId(),
                event.getComment().getMediaId(), event.getComment().getLive(), at, null, 0L);
    }

    public boolean privatelyAnswered() {
        return privateReplyMessageId != null;
    }

    public CommentFacts withPrivateReply(String messageId, long at) {
        return new CommentFacts(commentId, igsid, igAccountId, mediaId, live, commentedAt, messageId, at);
    }
}
