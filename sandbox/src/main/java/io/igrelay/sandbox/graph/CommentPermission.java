package io.igrelay.sandbox.graph;

import io.igrelay.sandbox.state.TokenInfo;
import io.igrelay.sandbox.wire.GraphErrorBody;
import java.util.Optional;

/**
 * The comment-management permission Meta requires for every call on a comment: a public reply
 * ({@code POST /{comment-id}/replies}), hide/unhide ({@code POST /{comment-id}}) and {@code DELETE /{comment-id}}
 * (https://developers.facebook.com/docs/instagram-platform/comment-moderation, requirements table:
 * {@code instagram_business_manage_comments} with Instagram Login, {@code instagram_manage_comments} with Facebook
 * Login), and a private reply, a Send API message to {@code recipient.comment_id}
 * (https://developers.facebook.com/docs/instagram-platform/private-replies, same table). A token without it is
 * refused before anything else is looked at, with Graph API code 10 "API Permission Denied: permission is either
 * not granted or has been removed" (https://developers.facebook.com/docs/graph-api/guides/error-handling), the
 * shape the sandbox already answers for a missing messaging permission. Meta's full permission lists also name
 * the basic permission (and {@code pages_read_engagement} with Facebook Login); the sandbox checks only the comment
 * one, the one a channel connected before the hub asked for it lacks.
 */
public final class CommentPermission {
    public static final String INSTAGRAM_LOGIN = "instagram_business_manage_comments";
    public static final String FACEBOOK_LOGIN = "instagram_manage_comments";

    private CommentPermission() {
    }

    /** The permission a token of this host needs for comment calls. */
    public static String scope(boolean instagramHost) {
        return instagramHost ? INSTAGRAM_LOGIN : FACEBOOK_LOGIN;
    }

    /** Meta's refusal if {@code token} lacks the comment permission, else empty. */
    public static Optional<GraphErrorBody> missing(TokenInfo token, boolean instagramHost) {
        String scope = scope(instagramHost);
        if (token.scopes().contains(scope)) {
            return Optional.empty();
        }
        return Optional.of(GraphErrorBody.permission("Application does not have permission for this "
                + "action (missing " + scope + ")"));
    }
}
