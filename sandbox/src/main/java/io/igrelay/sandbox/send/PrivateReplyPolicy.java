package io.igrelay.sandbox.send;

import com.fasterxml.jackson.databind.JsonNode;
import io.igrelay.sandbox.graph.CommentPermission;
import io.igrelay.sandbox.state.Comments;
import io.igrelay.sandbox.state.IgAccount;
import io.igrelay.sandbox.state.SandboxState;
import io.igrelay.sandbox.state.TokenInfo;
import io.igrelay.sandbox.wire.GraphErrorBody;
import java.time.Duration;
import java.util.Optional;

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

    /**
     * A private reply needs the comment permission besides the messaging one ({@link CommentPermission}); checked
     * as soon as the body says it is one, before the account's standing and the comment itself.
     */
    static void requirePermission(TokenInfo token, JsonNode body, boolean instagramHost)
            throws InvalidSendException {
        if (body != null && body.path("recipient").has("comment_id")) {
            Optional<GraphErrorBody> denied = CommentPermission.missing(token, instagramHost);
            if (denied.isPresent()) {
                throw new InvalidSendException(denied.get());
            }
        }
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
