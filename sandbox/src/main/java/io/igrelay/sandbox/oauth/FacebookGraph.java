package io.igrelay.sandbox.oauth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.igrelay.sandbox.graph.GraphAuth;
import io.igrelay.sandbox.graph.GraphReply;
import io.igrelay.sandbox.graph.UserProfiles;
import io.igrelay.sandbox.state.AuthCode;
import io.igrelay.sandbox.state.FbPage;
import io.igrelay.sandbox.state.Flavour;
import io.igrelay.sandbox.state.SandboxState;
import io.igrelay.sandbox.state.TokenInfo;
import io.igrelay.sandbox.wire.GraphErrorBody;
import io.igrelay.sandbox.wire.MetaJson;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * graph.facebook.com for the Facebook Login flavour: code exchange and {@code fb_exchange_token}, {@code /me},
 * {@code /me/accounts} (granted Pages with their Page tokens and linked instagram_business_account),
 * {@code /{page}?fields=instagram_business_account{id,username}}, {@code /{ig-user-id}?fields=username,name} of a
 * linked account, and {@code /{page}/subscribed_apps}. {@code /me/accounts} needs pages_show_list and leaves out the
 * Pages a business portfolio owns unless the token holds business_management, as Graph does since v17
 * (https://developers.facebook.com/docs/graph-api/changelog/version17.0); subscribing a Page needs
 * pages_manage_metadata (https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps).
 */
public final class FacebookGraph {
    private static final Set<TokenInfo.Kind> USER = EnumSet.of(TokenInfo.Kind.FB_USER_SHORT,
            TokenInfo.Kind.FB_USER_LONG);
    private static final Set<TokenInfo.Kind> ANY = EnumSet.of(TokenInfo.Kind.FB_USER_SHORT,
            TokenInfo.Kind.FB_USER_LONG, TokenInfo.Kind.FB_PAGE);
    private final SandboxState state;
    private final Map<String, TokenInfo> pageTokens = new ConcurrentHashMap<>();

    public FacebookGraph(SandboxState state) {
        this.state = state;
    }

    public void mount(Router r) {
        r.route("/:version/oauth/access_token").handler(this::accessToken);
        r.get("/:version/me/accounts").handler(this::accounts);
        r.route("/:version/:id/subscribed_apps").handler(this::subscribedApps);
        r.get("/:version/:id").handler(this::node);
    }

    private void accessToken(RoutingContext ctx) {
        if (!state.config().metaAppId().equals(GraphReply.param(ctx, "client_id"))
                || !state.config().metaAppSecret().equals(GraphReply.param(ctx, "client_secret"))) {
            GraphReply.error(ctx, state.ids(), new GraphErrorBody(400, "Error validating client secret.",
                    GraphErrorBody.OAUTH, 1, null, false));
            return;
        }
        if (state.faults().takeTokenExchangeFault(Flavour.FACEBOOK_LOGIN)) {
            GraphReply.error(ctx, state.ids(), GraphErrorBody.transientError(2));
            return;
        }
        long now = state.clock().millis();
        if ("fb_exchange_token".equals(GraphReply.param(ctx, "grant_type"))) {
            try {
                TokenInfo shortLived = GraphAuth.check(GraphReply.param(ctx, "fb_exchange_token"), null, state, USER);
                reply(ctx, state.tokens().issue(TokenInfo.Kind.FB_USER_LONG, shortLived.subject(), now,
                        shortLived.scopes(), shortLived.pages(), 0));
            } catch (GraphAuth.Denied d) {
                GraphReply.error(ctx, state.ids(), d.error);
            }
            return;
        }
        AuthCode code = state.tokens().code(GraphReply.param(ctx, "code")).orElse(null);
        if (code == null || code.flavour() != Flavour.FACEBOOK_LOGIN) {
            GraphReply.error(ctx, state.ids(), GraphErrorBody.oauthCode("Invalid verification code format."));
        } else if (!code.redirectUri().equals(GraphReply.param(ctx, "redirect_uri"))) {
            GraphReply.error(ctx, state.ids(), new GraphErrorBody(400, "Error validating verification code. Please make "
                    + "sure your redirect_uri is identical to the one you used in the OAuth dialog request",
                    GraphErrorBody.OAUTH, 100, 36008, false));
        } else if (!code.claim(now)) {
            GraphReply.error(ctx, state.ids(), GraphErrorBody.oauthCode("This authorization code has been used."));
        } else {
            reply(ctx, state.tokens().issue(TokenInfo.Kind.FB_USER_SHORT, code.subject(), now, code.scopes(),
                    code.grantedPages(), 0));
        }
    }

    private void reply(RoutingContext ctx, TokenInfo t) {
        GraphReply.json(ctx, 200, MetaJson.object().put("access_token", t.token()).put("token_type", "bearer")
                .put("expires_in", t.expiresInSeconds(state.clock().millis())));
    }

    private void accounts(RoutingContext ctx) {
        try {
            TokenInfo user = GraphAuth.require(ctx, state, USER);
            if (!user.scopes().contains("pages_show_list")) {
                throw new GraphAuth.Denied(GraphErrorBody.permission("Requires pages_show_list permission"));
            }
            boolean business = user.scopes().contains("business_management");
            FieldSelection fields = FieldSelection.parse(ctx.request().getParam("fields"),
                    "name,access_token,category,tasks");
            ObjectNode root = MetaJson.object();
            ArrayNode data = root.putArray("data");
            for (String pageId : user.pages()) {
                state.directory().page(pageId).filter(p -> business || !p.businessOwned())
                        .ifPresent(p -> data.add(page(p, fields, user)));
            }
            ObjectNode cursors = root.putObject("paging").putObject("cursors");
            cursors.put("before", "QVFIUmFkMDRfY2Vmb2JFRA").put("after", "QVFIUnpuZAXdVRTZA1S2VB");
            GraphReply.json(ctx, 200, root);
        } catch (GraphAuth.Denied d) {
            GraphReply.error(ctx, state.ids(), d.error);
        }
    }

    private ObjectNode page(FbPage p, FieldSelection fields, TokenInfo user) {
        ObjectNode out = MetaJson.object();
        for (String f : fields.names()) {
            switch (f) {
                case "name" -> out.put("name", p.name());
                case "category" -> out.put("category", "Shopping & retail");
                case "access_token" -> {
                    if (user != null) {
                        out.put("access_token", pageToken(user, p.id()).token());
                    }
                }
                case "tasks" -> {
                    ArrayNode tasks = out.putArray("tasks");
                    p.tasks().forEach(tasks::add);
                }
                case "instagram_business_account" -> p.instagramAccountId()
                        .flatMap(id -> state.directory().account(id)).ifPresent(a -> {
                            ObjectNode ig = out.putObject("instagram_business_account");
                            for (String sub : fields.sub(f, "id").names()) {
                                switch (sub) {
                                    case "username" -> ig.put("username", a.username());
                                    case "name" -> ig.put("name", a.name());
                                    default -> { }
                                }
                            }
                            ig.put("id", a.userId());
                        });
                default -> { }
            }
        }
        out.put("id", p.id());
        return out;
    }

    /** One Page token per (user token, Page), like Meta; it lives as long as a short user token, else forever. */
    private TokenInfo pageToken(TokenInfo user, String pageId) {
        return pageTokens.computeIfAbsent(user.token() + "|" + pageId, k -> state.tokens().issue(
                TokenInfo.Kind.FB_PAGE, pageId, state.clock().millis(), user.scopes(), List.of(pageId),
                user.kind() == TokenInfo.Kind.FB_USER_SHORT ? user.expiresAt() - state.clock().millis() : 0));
    }

    private void node(RoutingContext ctx) {
        try {
            TokenInfo t = GraphAuth.require(ctx, state, ANY);
            String id = ctx.pathParam("id");
            FieldSelection fields = FieldSelection.parse(ctx.request().getParam("fields"), "name");
            if (id.equals("me")) {
                id = t.subject();
            }
            if (t.kind() != TokenInfo.Kind.FB_PAGE && id.equals(t.subject())) {
                var user = state.directory().fbUser(id).orElseThrow();
                GraphReply.json(ctx, 200, MetaJson.object().put("name", user.name()).put("id", user.appScopedId()));
                return;
            }
            if (t.kind() == TokenInfo.Kind.FB_PAGE) {
                String account = state.directory().page(t.subject()).flatMap(FbPage::instagramAccountId).orElse("");
                Optional<ObjectNode> profile = UserProfiles.lookup(state, account, id,
                        ctx.request().getParam("fields"));
                if (profile.isPresent()) {
                    GraphReply.json(ctx, 200, profile.get());
                    return;
                }
            }
            String pageId = id;
            var linked = state.directory().pageOfAccount(id).filter(pg -> t.pages().contains(pg.id()));
            if (linked.isPresent()) {
                GraphReply.json(ctx, 200, igAccount(id, fields));
                return;
            }
            FbPage p = state.directory().page(id).filter(x -> t.pages().contains(pageId))
                    .orElseThrow(() -> new GraphAuth.Denied(GraphErrorBody.unknownObject(pageId)));
            GraphReply.json(ctx, 200, page(p, fields, t.kind() == TokenInfo.Kind.FB_PAGE ? null : t));
        } catch (GraphAuth.Denied d) {
            GraphReply.error(ctx, state.ids(), d.error);
        }
    }

    /** An Instagram business account read through a Page it is linked to: {@code /{ig-user-id}?fields=...}. */
    private ObjectNode igAccount(String igUserId, FieldSelection fields) {
        var a = state.directory().account(igUserId).orElseThrow();
        ObjectNode out = MetaJson.object();
        for (String f : fields.names()) {
            switch (f) {
                case "username" -> out.put("username", a.username());
                case "name" -> out.put("name", a.name());
                case "profile_picture_url" -> out.put("profile_picture_url",
                        "https://sandbox.invalid/profile/" + a.username() + ".jpg");
                default -> { }
            }
        }
        out.put("id", a.userId());
        return out;
    }

    private void subscribedApps(RoutingContext ctx) {
        try {
            TokenInfo t = GraphAuth.require(ctx, state, EnumSet.of(TokenInfo.Kind.FB_PAGE));
            String id = ctx.pathParam("id").equals("me") ? t.subject() : ctx.pathParam("id");
            if (!id.equals(t.subject())) {
                throw new GraphAuth.Denied(GraphErrorBody.permission("Requires pages_manage_metadata permission to "
                        + "manage the object"));
            }
            if (ctx.request().method().name().equals("POST") && !t.scopes().contains("pages_manage_metadata")) {
                throw new GraphAuth.Denied(GraphErrorBody.permission("Requires pages_manage_metadata permission to "
                        + "manage the object"));
            }
            FbPage p = state.directory().page(id).orElseThrow();
            SubscribedApps.handle(ctx, state, p.instagramAccountId().flatMap(a -> state.directory().account(a)),
                    Flavour.FACEBOOK_LOGIN, state.config().metaAppId());
        } catch (GraphAuth.Denied d) {
            GraphReply.error(ctx, state.ids(), d.error);
        }
    }
}
