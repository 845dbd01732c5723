package io.igrelay.dispatcher.graph;

import io.igrelay.avro.CommentAction;
import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.TextContent;
import io.igrelay.schemas.contract.HubErrorCode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/*
 * The Graph calls on a comment's own node (contract §5.2 comment operations), with their parameters in the query as
 * Meta documents them: a public reply is POST /{comment-id}/replies?message=
 * (https://developers.facebook.com/docs/instagram-platform/comment-moderation), hiding and unhiding are
 * POST /{comment-id}?hide=true|false, deleting is DELETE /{comment-id}; the same paths on graph.instagram.com
 * (Instagram Login) and graph.facebook.com (Facebook Login). A private reply is no such call: it is a Send API
 * message to recipient.comment_id (SendBodyMapper).
 */
final class CommentCalls {

    /** A call on a comment: the path after the version, the query (without a leading '?'), and the method. */
    record Target(String path, String query, String method) {
    }

    private CommentCalls() {
    }

    static Target target(DispatchCommand command) {
        CommentAction comment = command.getComment();
        String node = "/" + encode(comment.getCommentId());
        return switch (comment.getAction()) {
            case PUBLIC_REPLY -> new Target(node + "/replies", "message=" + encode(text(command)), GraphRequest.POST);
            case HIDE -> new Target(node, "hide=true", GraphRequest.POST);
            case UNHIDE -> new Target(node, "hide=false", GraphRequest.POST);
            case DELETE -> new Target(node, "", GraphRequest.DELETE);
            case PRIVATE_REPLY -> throw new IllegalArgumentException("a private reply goes through the Send API");
        };
    }

    private static String text(DispatchCommand command) {
        if (command.getContent() instanceof TextContent text && !text.getText().isEmpty()) {
            return text.getText();
        }
        throw new UnsendableCommandException(HubErrorCode.INVALID_PAYLOAD, "a public reply needs a text");
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
