package io.igrelay.sandbox.graph;

import io.igrelay.sandbox.state.Comments;
import io.igrelay.sandbox.state.FbPage;
import io.igrelay.sandbox.state.IgAccount;
import io.igrelay.sandbox.state.SandboxState;
import io.igrelay.sandbox.state.TokenInfo;
import io.igrelay.sandbox.wire.GraphErrorBody;
import io.igrelay.sandbox.wire.MetaJson;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Meta's comment moderation on the account's own media (https://developers.facebook.com/docs/instagram-platform/
 * comment-moderation): {@code POST /{comment-id}/replies?message=} answers {@code {"id"}} of the new reply, which
 * joins the thread of the top-level comment; a hidden comment or one on a live video cannot be answered
 * (https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-comment/replies);
 * {@code POST /{comment-id}?hide=true|false} and {@code DELETE /{comment-id}} answer {@code {"success":true}}.
 * An Instagram token on graph.instagram.com, a Page token on graph.facebook.com; a comment the token's account does
 * not own is answered like an unknown one, as Meta does. Replies are not delivered as webhooks. A token without the
 * comment permission is refused first ({@link CommentPermission}).
 */
public final class CommentModeration {
    private static final Set<TokenInfo.Kind> IG_KINDS = EnumSet.of(TokenInfo.Kind.IG_SHORT, TokenInfo.Kind.IG_LONG);
    private static final Set<TokenInfo.Kind> FB_KINDS = EnumSet.of(TokenInfo.Kind.FB_PAGE);

    private final SandboxState state;
    private final boolean instagramHost;

    public CommentModeration(SandboxState state, boolean instagramHost) {
        this.state = state;
        this.instagramHost = instagramHost;
    }

    /** Mount after the host's other routes: these match any node id. */
    public void mount(Router r) {
        r.post("/:version/:id/replies").handler(this::reply);
        r.post("/:version/:id").handler(this::hide);
        r.delete("/:version/:id").handler(this::delete);
    }

    private void reply(RoutingContext ctx) {
        answer(ctx, "post", comment -> {
            String message = GraphReply.param(ctx, "message");
            if (message == null || message.isBlank()) {
                throw new GraphAuth.Denied(GraphErrorBody.invalidParam("The parameter message is required"));
            }
            Comments.Comment top = state.comments().find(comment.threadId()).orElse(comment);
            if (comment.hidden() || top.hidden()) {
                throw new GraphAuth.Denied(GraphErrorBody.invalidParam("Cannot reply to a hidden comment"));
            }
            Comments.Media media = state.comments().media(comment.accountId(), comment.mediaId()).orElseThrow();
            if (media.live()) {
                throw new GraphAuth.Denied(GraphErrorBody.invalidParam(
                        "Cannot reply to a comment on a live video; send a private reply instead"));
            }
            IgAccount owner = state.directory().account(comment.accountId()).orElseThrow();
            Comments.Comment reply = state.comments().add(media, owner.userId(), owner.username(), message,
                    top.id(), state.clock().millis());
            GraphReply.json(ctx, 200, MetaJson.object().put("id", reply.id()));
        });
    }

    private void hide(RoutingContext ctx) {
        answer(ctx, "post", comment -> {
            String hide = GraphReply.param(ctx, "hide");
            if (!"true".equals(hide) && !"false".equals(hide)) {
                throw new GraphAuth.Denied(GraphErrorBody.invalidParam("The parameter hide is required (true or false)"));
            }
            state.comments().hide(comment.id(), Boolean.parseBoolean(hide));
            GraphReply.json(ctx, 200, MetaJson.object().put("success", true));
        });
    }

    private void delete(RoutingContext ctx) {
        answer(ctx, "delete", comment -> {
            state.comments().delete(comment.id());
            GraphReply.json(ctx, 200, MetaJson.object().put("success", true));
        });
    }

    private interface Action {
        void apply(Comments.Comment comment) throws GraphAuth.Denied;
    }

    /** Checks the token, finds a comment of the token's account, runs the action, or answers Meta's error. */
    private void answer(RoutingContext ctx, String verb, Action action) {
        String id = ctx.pathParam("id");
        try {
            TokenInfo token = GraphAuth.require(ctx, state, instagramHost ? IG_KINDS : FB_KINDS);
            Optional<GraphErrorBody> denied = CommentPermission.missing(token, instagramHost);
            if (denied.isPresent()) {
                throw new GraphAuth.Denied(denied.get());
            }
            Optional<String> account = instagramHost ? Optional.of(token.subject())
                    : state.directory().page(token.subject()).flatMap(FbPage::instagramAccountId);
            Comments.Comment comment = state.comments().find(id)
                    .filter(c -> account.filter(c.accountId()::equals).isPresent())
                    .orElseThrow(() -> new GraphAuth.Denied(unknown(verb, id)));
            action.apply(comment);
        } catch (GraphAuth.Denied d) {
            GraphReply.error(ctx, state.ids(), d.error);
        }
    }

    private static GraphErrorBody unknown(String verb, String id) {
        GraphErrorBody post = GraphErrorBody.unknownObject(id);
        return verb.equals("post") ? post : new GraphErrorBody(post.httpStatus(),
                post.message().replace("Unsupported post request", "Unsupported delete request"), post.type(),
                post.code(), post.subcode(), false);
    }
}
