package io.igrelay.sandbox.oauth;

import io.igrelay.sandbox.state.AuthCode;
import io.igrelay.sandbox.state.Directory;
import io.igrelay.sandbox.state.FbPage;
import io.igrelay.sandbox.state.FbUser;
import io.igrelay.sandbox.state.Flavour;
import io.igrelay.sandbox.state.SandboxState;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Facebook Login's dialog, {@code www.facebook.com/{version}/dialog/oauth}: consent page with a Page chooser (the
 * seeded user manages every seeded Page, one of them without an Instagram account), Allow / Cancel, and the same
 * {@code sandbox_auto=allow|deny} / {@code sandbox_pages=all|id,id} shortcut for scripts. The permissions come from
 * {@code scope} (each must be one Facebook Login grants, else "Invalid Scopes") or from a Facebook Login for Business
 * {@code config_id}, whose configuration names them
 * (https://developers.facebook.com/docs/facebook-login/facebook-login-for-business/).
 */
public final class FacebookDialog {
    private final SandboxState state;

    public FacebookDialog(SandboxState state) {
        this.state = state;
    }

    public void mount(Router www) {
        www.get("/:version/dialog/oauth").handler(this::page);
        www.post("/:version/dialog/oauth").handler(this::decision);
    }

    private FbUser user() {
        return state.directory().fbUser(Directory.FB_USER).orElseThrow();
    }

    private void page(RoutingContext ctx) {
        var q = ctx.request().params();
        String problem = check(q.get("client_id"), q.get("redirect_uri"), q.get("scope"), q.get("config_id"));
        if (problem != null) {
            ctx.response().setStatusCode(400).putHeader("Content-Type", "text/html; charset=utf-8")
                    .end(OAuthPages.error("Invalid request", problem));
            return;
        }
        String auto = q.get("sandbox_auto") != null ? q.get("sandbox_auto")
                : state.config().autoApprove() ? "allow" : null;
        if (auto != null) {
            String pages = q.get("sandbox_pages");
            List<String> chosen = pages == null || pages.equals("all") ? user().pageIds()
                    : Arrays.asList(pages.split(","));
            finish(ctx, auto.equals("allow"), chosen, q.get("redirect_uri"), granted(q.get("scope"),
                    q.get("config_id")), q.get("state"));
            return;
        }
        Map<String, String> hidden = new LinkedHashMap<>();
        for (String k : List.of("client_id", "redirect_uri", "scope", "config_id", "state")) {
            if (q.get(k) != null) {
                hidden.put(k, q.get(k));
            }
        }
        Map<String, String> pages = new LinkedHashMap<>();
        for (String id : user().pageIds()) {
            FbPage p = state.directory().page(id).orElseThrow();
            pages.put(id, p.name() + (p.instagramAccountId().isPresent() ? "" : " (no Instagram account)"));
        }
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .end(OAuthPages.consent("Facebook", ctx.request().path(), granted(q.get("scope"),
                        q.get("config_id")), hidden, "page", pages, true));
    }

    private void decision(RoutingContext ctx) {
        var f = ctx.request().formAttributes();
        String problem = check(f.get("client_id"), f.get("redirect_uri"), f.get("scope"), f.get("config_id"));
        if (problem != null) {
            ctx.response().setStatusCode(400).end(OAuthPages.error("Invalid request", problem));
            return;
        }
        finish(ctx, "allow".equals(f.get("decision")), f.getAll("page"), f.get("redirect_uri"),
                granted(f.get("scope"), f.get("config_id")), f.get("state"));
    }

    private void finish(RoutingContext ctx, boolean allow, List<String> pages, String redirectUri,
            List<String> scopes, String st) {
        String location;
        if (allow) {
            List<String> granted = pages.stream().filter(user().pageIds()::contains).toList();
            AuthCode code = state.tokens().newCode(Flavour.FACEBOOK_LOGIN, user().appScopedId(), redirectUri,
                    scopes, granted, state.clock().millis());
            location = Redirects.build(redirectUri, Redirects.params("code", code.code(), "state", st), "#_=_");
        } else {
            location = Redirects.build(redirectUri, Redirects.params("error_reason", "user_denied", "error",
                    "access_denied", "error_description", "Permissions error.", "state", st), "#_=_");
        }
        ctx.response().setStatusCode(302).putHeader("Location", location).end();
    }

    private String check(String clientId, String redirectUri, String scope, String configId) {
        if (!state.config().metaAppId().equals(clientId)) {
            return "Invalid App ID: client_id must be the Meta app id.";
        }
        if (redirectUri == null || redirectUri.isBlank()) {
            return "redirect_uri is required.";
        }
        if (configId != null && !configId.equals(state.config().facebookLoginConfigId())) {
            return "Invalid config_id: this app has no Facebook Login for Business configuration " + configId + ".";
        }
        List<String> unknown = Permissions.unknown(InstagramLogin.scopes(scope), Permissions.FACEBOOK);
        if (configId == null && !unknown.isEmpty()) {
            return "Invalid Scopes: " + String.join(", ", unknown) + ". This message is only shown to developers. "
                    + "Users of your app will ignore these permissions if present.";
        }
        return null;
    }

    /** The configuration's permissions when a config_id is given, else the requested scopes. */
    private static List<String> granted(String scope, String configId) {
        return configId != null ? Permissions.CONFIGURATION : InstagramLogin.scopes(scope);
    }
}
