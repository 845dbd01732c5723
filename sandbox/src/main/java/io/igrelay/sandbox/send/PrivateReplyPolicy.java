package io.igrelay.sandbox.send;

import io.igrelay.sandbox.state.Comments;
import io.igrelay.sandbox.state.IgAccount;
import io.igrelay.sandbox.state.SandboxState;
import io.igrelay.sandbox.wire.GraphErrorBody;
import java.time.Duration;

/**
 * Meta's private-reply rule (https://developers.facebook.com/docs/instagram-platform/private-replies): a Send API
 * message to {@code recipient.comment_id} reaches the comment's author once per comment, within 7 days of the
 * comment on the sandbox clock. Meta documents the rule but not its refusals; the sandbox answers a second reply
 * with (#10900) "Activity already replied to" (the Messenger Platform's private-reply code), a late one with the
 * window error 10/2534022, and a comment the account does not own like an unknown object. No DM window is needed.
 */
final class PrivateReplyPolicy {

    static final Duration PERIOD = Duration.ofDays(7);

    private PrivateReplyPolicy() {
    }

    /** The comment this private reply may answer; refuses as Meta does otherwise. */
    static Comments.Comment check(SandboxState state, IgAccount account, SendRequest req, long now,
            boolean instagramHost) throws InvalidSendException {
        Comments.Comment comment = state.comments().find(req.commentId())
                .filter(c -> c.accountId().equals(account.userId()))
                .orElseThrow(() -> new InvalidSendException(GraphErrorBody.unknownObject(req.commentId())));
        if (state.comments().privateReply(comment.id()).isPresent()) {
            throw new InvalidSendException(alreadyReplied());
        }
        if (now >= comment.createdAt() + PERIOD.toMillis()) {
            throw new InvalidSendException(GraphErrorBody.outsideWindow(instagramHost));
        }
        return comment;
    }

    static GraphErrorBody alreadyReplied() {
        return new GraphErrorBody(400, "(#10900) Activity already replied to", GraphErrorBody.OAUTH, 10900, null, false);
    }
}
