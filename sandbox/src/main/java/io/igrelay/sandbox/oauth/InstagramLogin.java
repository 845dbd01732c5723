package io.igrelay.sandbox.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.igrelay.sandbox.graph.GraphReply;
import io.igrelay.sandbox.state.AuthCode;
import io.igrelay.sandbox.state.Flavour;
import io.igrelay.sandbox.state.IgAccount;
import io.igrelay.sandbox.state.SandboxState;
import io.igrelay.sandbox.state.TokenInfo;
import io.igrelay.sandbox.wire.MetaJson;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Business Login for Instagram, dialog and code exchange (scopes limited to Permissions.INSTAGRAM):
 * {@code www.instagram.com/oauth/authorize} (consent page
 * with account chooser, Allow / Cancel; {@code sandbox_auto=allow|deny} and {@code sandbox_account} skip the page
 * for scripts) and {@code POST api.instagram.com/oauth/access_token}, whose errors use that host's legacy shape
 * {@code {error_type, code, error_message}}.
 */
public final class InstagramLogin {
    private final SandboxState state;

    public InstagramLogin(SandboxState state) {
        this.state = state;
    }

    public void mountAuthorize(Router www) {
        www.get("/oauth/authorize").handler(this::authorizePage);
        www.post("/oauth/authorize").handler(this::decision);
    }

    public void mountApi(Router api) {
        api.post("/oauth/access_token").handler(this::exchangeCode);
    }

    private void authorizePage(RoutingContext ctx) {
        var q = ctx.request().params();
        String problem = check(q.get("client_id"), q.get("redirect_uri"), q.get("response_type"), q.get("scope"));
        if (problem != null) {
            ctx.response().setStatusCode(400).putHeader("Content-Type", "text/html; charset=utf-8")
                    .end(OAuthPages.error("Invalid request", problem));
            return;
        }
        String auto = q.get("sandbox_auto") != null ? q.get("sandbox_auto")
                : state.config().autoApprove() ? "allow" : null;
        if (auto != null) {
            finish(ctx, auto.equals("allow"), q.get("sandbox_account"), q.get("redirect_uri"), q.get("scope"),
                    q.get("state"));
            return;
        }
        Map<String, String> hidden = new LinkedHashMap<>();
        for (String k : List.of("client_id", "redirect_uri", "scope", "state")) {
            if (q.get(k) != null) {
                hidden.put(k, q.get(k));
            }
        }
        Map<String, String> accounts = new LinkedHashMap<>();
        state.directory().accounts().stream().sorted((a, b) -> a.username().compareTo(b.username()))
                .forEach(a -> accounts.put(a.username(), "@" + a.username() + " (" + a.accountType() + ")"));
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .end(OAuthPages.consent("Instagram", ctx.request().path(), scopes(q.get("scope")), hidden,
                        "account", accounts, false));
    }

    private void decision(RoutingContext ctx) {
        var f = ctx.request().formAttributes();
        String problem = check(f.get("client_id"), f.get("redirect_uri"), "code", f.get("scope"));
        if (problem != null) {
            ctx.response().setStatusCode(400).end(OAuthPages.error("Invalid request", problem));
            return;
        }
        finish(ctx, "allow".equals(f.get("decision")), f.get("account"), f.get("redirect_uri"), f.get("scope"),
                f.get("state"));
    }

    private void finish(RoutingContext ctx, boolean allow, String accountRef, String redirectUri, String scope,
            String st) {
        String location;
        if (allow) {
            IgAccount acc = state.directory().findAccount(accountRef == null ? "fixture.shop" : accountRef)
                    .orElse(null);
            if (acc == null) {
                ctx.response().setStatusCode(400).end(OAuthPages.error("Unknown account", accountRef));
                return;
            }
            AuthCode code = state.tokens().newCode(Flavour.INSTAGRAM_LOGIN, acc.userId(), redirectUri,
                    scopes(scope), List.of(), state.clock().millis());
            location = Redirects.build(redirectUri, Redirects.params("code", code.code(), "state", st), "#_");
        } else {
            location = Redirects.build(redirectUri, Redirects.params("error", "access_denied", "error_reason",
                    "user_denied", "error_description", "The user denied your request.", "state", st), null);
        }
        ctx.response().setStatusCode(302).putHeader("Location", location).end();
    }

    private String check(String clientId, String redirectUri, String responseType, String scope) {
        if (!state.config().instagramAppId().equals(clientId)) {
            return "Invalid app ID: client_id must be the Instagram app id.";
        }
        if (redirectUri == null || redirectUri.isBlank()) {
            return "redirect_uri is required.";
        }
        if (!"code".equals(responseType)) {
            return "response_type must be code.";
        }
        if (scope == null || scopes(scope).stream().noneMatch(s -> s.equals("instagram_business_basic"))) {
            return "scope must include instagram_business_basic.";
        }
        List<String> unknown = Permissions.unknown(scopes(scope), Permissions.INSTAGRAM);
        if (!unknown.isEmpty()) {
            return "Invalid Scopes: " + String.join(", ", unknown) + ".";
        }
        return null;
    }

    static List<String> scopes(String scope) {
        return scope == null ? List.of()
                : Arrays.stream(scope.split("[, ]+")).filter(s -> !s.isBlank()).toList();
    }

    private void exchangeCode(RoutingContext ctx) {
        var f = ctx.request().formAttributes();
        if (!state.config().instagramAppId().equals(f.get("client_id"))
                || !state.config().instagramAppSecret().equals(f.get("client_secret"))) {
            legacyError(ctx, "Invalid platform app");
            return;
        }
        if (!"authorization_code".equals(f.get("grant_type"))) {
            legacyError(ctx, "Invalid grant_type: must be authorization_code");
            return;
        }
        if (state.faults().takeTokenExchangeFault(Flavour.INSTAGRAM_LOGIN)) {
            legacyError(ctx, "An unknown error has occurred.");
            return;
        }
        AuthCode code = state.tokens().code(f.get("code")).orElse(null);
        if (code == null || code.flavour() != Flavour.INSTAGRAM_LOGIN
                || !code.redirectUri().equals(f.get("redirect_uri")) || !code.claim(state.clock().millis())) {
            legacyError(ctx, "Matching code was not found or was already used.");
            return;
        }
        IgAccount acc = state.directory().account(code.subject()).orElseThrow();
        var token = state.tokens().issue(TokenInfo.Kind.IG_SHORT, acc.userId(),
                state.clock().millis(), code.scopes());
        ObjectNode tok = MetaJson.object();
        tok.put("access_token", token.token());
        if (state.config().igTokenResponseDataArray()) {
            tok.put("user_id", acc.appScopedId()).put("permissions", String.join(",", code.scopes()));
            ObjectNode root = MetaJson.object();
            root.putArray("data").add(tok);
            GraphReply.json(ctx, 200, root);
        } else {
            tok.put("user_id", Long.parseLong(acc.appScopedId()));
            code.scopes().forEach(tok.putArray("permissions")::add);
            GraphReply.json(ctx, 200, tok);
        }
    }

    private static void legacyError(RoutingContext ctx, String message) {
        ObjectNode err = MetaJson.object().put("error_type", "OAuthException").put("code", 400)
                .put("error_message", message);
        GraphReply.json(ctx, 400, err);
    }
}
