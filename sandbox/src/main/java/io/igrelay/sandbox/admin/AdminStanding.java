package io.igrelay.sandbox.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.igrelay.sandbox.state.IgAccount;
import io.igrelay.sandbox.state.SandboxState;
import io.igrelay.sandbox.wire.MetaJson;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * What Meta says about an account beyond one message, set by tests: a restriction ({@code 368}, or {@code 10} with
 * subcode 1893063 by default) that refuses every send until cleared, and the usage figures the Send API puts in
 * X-Business-Use-Case-Usage (per account) and X-App-Usage (the whole app).
 */
final class AdminStanding {
    private final SandboxState state;

    AdminStanding(SandboxState state) {
        this.state = state;
    }

    void mount(Router r) {
        r.put("/accounts/:ref/restriction").handler(this::restrict);
        r.delete("/accounts/:ref/restriction").handler(ctx -> {
            account(ctx.pathParam("ref")).restriction(null);
            ctx.response().setStatusCode(204).end();
        });
        r.put("/accounts/:ref/usage").handler(ctx -> {
            IgAccount acc = account(ctx.pathParam("ref"));
            acc.usage(usage(AdminJson.body(ctx)));
            AdminJson.ok(ctx, AdminInspect.accountJson(state, acc));
        });
        r.put("/app-usage").handler(ctx -> {
            state.appUsage(usage(AdminJson.body(ctx)));
            AdminJson.ok(ctx, MetaJson.object().put("appUsage", true));
        });
        r.delete("/app-usage").handler(ctx -> {
            state.appUsage(null);
            ctx.response().setStatusCode(204).end();
        });
    }

    private IgAccount account(String ref) {
        return state.directory().findAccount(ref)
                .orElseThrow(() -> new AdminJson.BadRequest(404, "unknown account " + ref));
    }

    /** {code: 368 | 10, subcode?}: every send of the account fails with that error until DELETE. */
    private void restrict(RoutingContext ctx) {
        ObjectNode b = AdminJson.body(ctx);
        IgAccount acc = account(ctx.pathParam("ref"));
        int code = b.path("code").asInt(368);
        if (code != 368 && code != 10) {
            throw new AdminJson.BadRequest(400, "code must be 368 or 10");
        }
        Integer subcode = null;
        if (b.hasNonNull("subcode")) {
            subcode = b.get("subcode").asInt();
        } else if (code == 10) {
            subcode = 1893063;
        }
        acc.restriction(new IgAccount.Restriction(code, subcode));
        AdminJson.ok(ctx, AdminInspect.accountJson(state, acc));
    }

    private static IgAccount.Usage usage(ObjectNode b) {
        return new IgAccount.Usage(b.path("callCount").asInt(0), b.path("totalTime").asInt(0),
                b.path("totalCputime").asInt(0), b.path("regainMinutes").asInt(0));
    }
}
