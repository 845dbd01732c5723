package io.igrelay.sandbox.admin;

import static io.igrelay.sandbox.admin.AdminJson.optional;
import static io.igrelay.sandbox.admin.AdminJson.required;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.igrelay.sandbox.callback.CallbackSender;
import io.igrelay.sandbox.oauth.DirectGrant;
import io.igrelay.sandbox.simulate.UserSimulator;
import io.igrelay.sandbox.state.Customer;
import io.igrelay.sandbox.state.FbPage;
import io.igrelay.sandbox.state.Flavour;
import io.igrelay.sandbox.state.IgAccount;
import io.igrelay.sandbox.state.SandboxState;
import io.igrelay.sandbox.state.TokenInfo;
import io.igrelay.sandbox.wire.MetaJson;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who exists and what they may do: create accounts and customers, mark a customer unavailable, open windows
 * silently (benchmarks), lower an account's rate limit, set or disable its webhook subscription, issue tokens and
 * codes without a browser, revoke tokens, and trigger the signed deletion / deauthorize callbacks.
 */
final class AdminAccounts {
    private final SandboxState state;
    private final UserSimulator users;
    private final DirectGrant grants;
    private final CallbackSender callbacks;

    AdminAccounts(SandboxState state, UserSimulator users, CallbackSender callbacks) {
        this.state = state;
        this.users = users;
        this.grants = new DirectGrant(state);
        this.callbacks = callbacks;
    }

    void mount(Router r) {
        r.post("/accounts").handler(this::createAccount);
        r.put("/accounts/:ref/rate-limit").handler(this::rateLimit);
        r.put("/accounts/:ref/subscription").handler(this::subscription);
        r.delete("/accounts/:ref/subscription").handler(ctx -> {
            account(ctx.pathParam("ref")).unsubscribe();
            ctx.response().setStatusCode(204).end();
        });
        r.put("/customers/:igsid").handler(this::customer);
        r.post("/conversations").handler(this::openWindows);
        r.post("/tokens").handler(this::issueToken);
        r.post("/tokens/revoke").handler(this::revoke);
        r.post("/oauth/code").handler(ctx -> {
            ObjectNode b = AdminJson.body(ctx);
            AdminJson.ok(ctx, MetaJson.object().put("code", grants.code(Flavour.parse(optional(b, "flavour")),
                    optional(b, "account"), required(b, "redirectUri"))));
        });
        r.post("/callbacks/data-deletion").handler(ctx -> callback(ctx, "data_deletion"));
        r.post("/callbacks/deauthorize").handler(ctx -> callback(ctx, "deauthorize"));
    }

    private IgAccount account(String ref) {
        return state.directory().findAccount(ref)
                .orElseThrow(() -> new AdminJson.BadRequest(404, "unknown account " + ref));
    }

    private void createAccount(RoutingContext ctx) {
        ObjectNode b = AdminJson.body(ctx);
        String id = required(b, "userId");
        String username = b.path("username").asText("sandbox.account" + id);
        IgAccount acc = new IgAccount(id, b.path("appScopedId").asText("2" + id.substring(Math.min(1, id.length()))),
                username, b.path("name").asText(username), b.path("accountType").asText("BUSINESS"),
                b.path("textPerSecond").asInt(state.config().rateLimitText()),
                b.path("mediaPerSecond").asInt(state.config().rateLimitMedia()));
        state.directory().add(acc);
        String pageId = optional(b, "pageId");
        if (pageId != null) {
            List<String> tasks = new ArrayList<>();
            b.path("pageTasks").forEach(t -> tasks.add(t.asText()));
            state.directory().add(new FbPage(pageId, acc.name(), Optional.of(id),
                    b.has("pageTasks") ? tasks : FbPage.ALL_TASKS));
        }
        if (b.path("subscribe").asBoolean(false)) {
            Flavour flavour = Flavour.parse(optional(b, "flavour"));
            acc.subscribe(new IgAccount.Subscription(flavour, defaultFields(flavour), false,
                    state.clock().millis()));
        }
        AdminJson.reply(ctx, 201, AdminInspect.accountJson(state, acc));
    }

    private static List<String> defaultFields(Flavour flavour) {
        return List.copyOf(flavour == Flavour.FACEBOOK_LOGIN ? IgAccount.PAGE_DEFAULT_FIELDS : IgAccount.ALL_FIELDS);
    }

    private void rateLimit(RoutingContext ctx) {
        ObjectNode b = AdminJson.body(ctx);
        IgAccount acc = account(ctx.pathParam("ref"));
        int code = b.path("code").asInt(acc.rateLimitCode());
        if (code != 613 && code != 4) {
            throw new AdminJson.BadRequest(400, "code must be 613 or 4");
        }
        acc.rateLimits(b.path("textPerSecond").asInt(acc.textPerSecond()),
                b.path("mediaPerSecond").asInt(acc.mediaPerSecond()), code);
        AdminJson.ok(ctx, AdminInspect.accountJson(state, acc));
    }

    private void subscription(RoutingContext ctx) {
        ObjectNode b = AdminJson.body(ctx);
        IgAccount acc = account(ctx.pathParam("ref"));
        List<String> fields = new ArrayList<>();
        b.path("fields").forEach(f -> fields.add(f.asText()));
        Flavour flavour = Flavour.parse(optional(b, "flavour"));
        acc.subscribe(new IgAccount.Subscription(flavour, fields.isEmpty() ? defaultFields(flavour) : fields,
                b.path("disabled").asBoolean(false), state.clock().millis()));
        AdminJson.ok(ctx, AdminInspect.accountJson(state, acc));
    }

    private void customer(RoutingContext ctx) {
        Customer c = state.directory().customerOrCreate(ctx.pathParam("igsid"));
        c.unavailable(AdminJson.body(ctx).path("unavailable").asBoolean(false));
        AdminJson.ok(ctx, MetaJson.object().put("igsid", c.igsid()).put("unavailable", c.unavailable()));
    }

    /** {account, igsids:[...], at?: epoch ms (default now)}: windows open as if each user had just written. */
    private void openWindows(RoutingContext ctx) {
        ObjectNode b = AdminJson.body(ctx);
        String acc = account(required(b, "account")).userId();
        long at = b.path("at").asLong(state.clock().millis());
        int n = 0;
        for (var igsid : b.path("igsids")) {
            users.openWindow(acc, igsid.asText(), at);
            n++;
        }
        AdminJson.ok(ctx, MetaJson.object().put("opened", n).put("at", at));
    }

    private void issueToken(RoutingContext ctx) {
        ObjectNode b = AdminJson.body(ctx);
        TokenInfo t = grants.token(required(b, "account"), Flavour.parse(optional(b, "flavour")));
        AdminJson.reply(ctx, 201, t);
    }

    private void revoke(RoutingContext ctx) {
        ObjectNode b = AdminJson.body(ctx);
        int subcode = b.path("subcode").asInt(460);
        int n;
        if (b.hasNonNull("token")) {
            state.tokens().revoke(b.get("token").asText(), subcode);
            n = 1;
        } else {
            IgAccount acc = account(required(b, "account"));
            List<String> subjects = new ArrayList<>(List.of(acc.userId()));
            state.directory().pageOfAccount(acc.userId()).ifPresent(p -> subjects.add(p.id()));
            n = state.tokens().revokeSubjects(subjects, subcode);
        }
        AdminJson.ok(ctx, MetaJson.object().put("revoked", n).put("subcode", subcode));
    }

    private void callback(RoutingContext ctx, String kind) {
        ObjectNode b = AdminJson.body(ctx);
        Flavour app = Flavour.parse(b.path("app").asText("facebook"));
        String userId = required(b, "userId");
        if (kind.equals("deauthorize")) {
            revokeUser(app, userId);
        }
        String url = optional(b, "url");
        callbacks.send(kind, app, userId, url == null ? null : URI.create(url))
                .onSuccess(rec -> AdminJson.ok(ctx, rec)).onFailure(ctx::fail);
    }

    /** Meta invalidates the user's tokens when they remove the app. */
    private void revokeUser(Flavour app, String userId) {
        List<String> subjects = new ArrayList<>(List.of(userId));
        if (app == Flavour.INSTAGRAM_LOGIN) {
            state.directory().findAccount(userId).ifPresent(a -> subjects.add(a.userId()));
        } else {
            state.directory().fbUser(userId).ifPresent(u -> subjects.addAll(u.pageIds()));
        }
        state.tokens().revokeSubjects(subjects, 458);
    }
}
