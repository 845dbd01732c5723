package io.igrelay.sandbox.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.igrelay.sandbox.graph.GraphAuth;
import io.igrelay.sandbox.graph.GraphReply;
import io.igrelay.sandbox.graph.UserProfiles;
import io.igrelay.sandbox.state.Flavour;
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
 * graph.instagram.com reads and token upkeep: long-lived exchange ({@code ig_exchange_token}), refresh
 * ({@code ig_refresh_token}, only for a long-lived token at least 24 h old and not expired), {@code /me} (where
 * {@code id} is app-scoped and {@code user_id} is the webhook entry.id: the documented trap), and subscribed_apps.
 */
public final class InstagramGraph {
    private static final Set<TokenInfo.Kind> IG = EnumSet.of(TokenInfo.Kind.IG_SHORT, TokenInfo.Kind.IG_LONG);
    private static final long DAY = 24L * 3600 * 1000;
    private final SandboxState state;

    public InstagramGraph(SandboxState state) {
        this.state = state;
    }

    public void mount(Router r) {
        r.get("/access_token").handler(this::exchange);
        r.get("/:version/access_token").handler(this::exchange);
        r.get("/refresh_access_token").handler(this::refresh);
        r.get("/:version/refresh_access_token").handler(this::refresh);
        r.route("/:version/:id/subscribed_apps").handler(this::subscribedApps);
        r.get("/:version/:id").handler(this::node);
    }

    private void exchange(RoutingContext ctx) {
        if (!"ig_exchange_token".equals(ctx.request().getParam("grant_type"))) {
            GraphReply.error(ctx, state.ids(), GraphErrorBody.invalidParam("grant_type must be ig_exchange_token"));
            return;
        }
        if (!state.config().instagramAppSecret().equals(ctx.request().getParam("client_secret"))) {
            GraphReply.error(ctx, state.ids(), new GraphErrorBody(400, "Error validating client secret.",
                    GraphErrorBody.OAUTH, 1, null, false));
            return;
        }
        try {
            TokenInfo shortLived = GraphAuth.require(ctx, state, EnumSet.of(TokenInfo.Kind.IG_SHORT));
            TokenInfo longLived = state.tokens().issue(TokenInfo.Kind.IG_LONG, shortLived.subject(),
                    state.clock().millis(), shortLived.scopes());
            GraphReply.json(ctx, 200, tokenJson(longLived));
        } catch (GraphAuth.Denied d) {
            GraphReply.error(ctx, state.ids(), d.error);
        }
    }

    private void refresh(RoutingContext ctx) {
        if (!"ig_refresh_token".equals(ctx.request().getParam("grant_type"))) {
            GraphReply.error(ctx, state.ids(), GraphErrorBody.invalidParam("grant_type must be ig_refresh_token"));
            return;
        }
        try {
            TokenInfo old = GraphAuth.require(ctx, state, EnumSet.of(TokenInfo.Kind.IG_LONG));
            long now = state.clock().millis();
            if (now - old.issuedAt() < DAY) {
                GraphReply.error(ctx, state.ids(), GraphErrorBody.invalidParam(
                        "The access token is too recent to be refreshed: it must be at least 24 hours old"));
                return;
            }
            TokenInfo fresh = state.tokens().issue(TokenInfo.Kind.IG_LONG, old.subject(), now, old.scopes());
            GraphReply.json(ctx, 200, tokenJson(fresh));
        } catch (GraphAuth.Denied d) {
            GraphReply.error(ctx, state.ids(), d.error);
        }
    }

    private ObjectNode tokenJson(TokenInfo t) {
        return MetaJson.object().put("access_token", t.token()).put("token_type", "bearer")
                .put("expires_in", t.expiresInSeconds(state.clock().millis()));
    }

    private void node(RoutingContext ctx) {
        try {
            TokenInfo token = GraphAuth.require(ctx, state, IG);
            Optional<ObjectNode> profile = UserProfiles.lookup(state, token.subject(), ctx.pathParam("id"),
                    ctx.request().getParam("fields"));
            if (profile.isPresent()) {
                GraphReply.json(ctx, 200, profile.get());
                return;
            }
            IgAccount acc = account(ctx);
            FieldSelection fields = FieldSelection.parse(ctx.request().getParam("fields"), "id");
            ObjectNode out = MetaJson.object();
            for (String f : fields.names()) {
                switch (f) {
                    case "user_id" -> out.put("user_id", acc.userId());
                    case "username" -> out.put("username", acc.username());
                    case "name" -> out.put("name", acc.name());
                    case "account_type" -> out.put("account_type", acc.accountType());
                    case "profile_picture_url" -> out.put("profile_picture_url",
                            "https://sandbox.invalid/profile/" + acc.username() + ".jpg");
                    case "followers_count" -> out.put("followers_count", 1234);
                    case "media_count" -> out.put("media_count", 56);
                    default -> { }
                }
            }
            out.put("id", acc.appScopedId());
            GraphReply.json(ctx, 200, out);
        } catch (GraphAuth.Denied d) {
            GraphReply.error(ctx, state.ids(), d.error);
        }
    }

    private void subscribedApps(RoutingContext ctx) {
        try {
            IgAccount acc = account(ctx);
            SubscribedApps.handle(ctx, state, Optional.of(acc), Flavour.INSTAGRAM_LOGIN,
                    state.config().instagramAppId());
        } catch (GraphAuth.Denied d) {
            GraphReply.error(ctx, state.ids(), d.error);
        }
    }

    /** The account of the token, checked against the path id ("me", its user_id or its app-scoped id). */
    private IgAccount account(RoutingContext ctx) throws GraphAuth.Denied {
        TokenInfo t = GraphAuth.require(ctx, state, IG);
        IgAccount acc = state.directory().account(t.subject()).orElseThrow();
        String id = ctx.pathParam("id");
        if (!id.equals("me") && !id.equals(acc.userId()) && !id.equals(acc.appScopedId())) {
            throw new GraphAuth.Denied(GraphErrorBody.unknownObject(id));
        }
        return acc;
    }
}
