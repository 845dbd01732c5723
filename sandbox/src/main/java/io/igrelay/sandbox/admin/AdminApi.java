package io.igrelay.sandbox.admin;

import io.igrelay.sandbox.callback.CallbackSender;
import io.igrelay.sandbox.simulate.UserSimulator;
import io.igrelay.sandbox.state.SandboxState;
import io.igrelay.sandbox.webhook.WebhookDispatcher;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.NoSuchElementException;

/**
 * The {@code /sandbox} admin router: simulation, control and inspection sub-APIs plus the tiny page. One failure
 * handler maps bad input to 400/404 JSON; nothing leaks a stack trace.
 */
public final class AdminApi {
    private AdminApi() {
    }

    public static Router router(Vertx vertx, SandboxState state, WebhookDispatcher webhooks,
            UserSimulator users, CallbackSender callbacks) {
        Router r = Router.router(vertx);
        r.get("/").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .end(AdminPage.HTML));
        new AdminSimulate(users).mount(r);
        new AdminControl(state, webhooks, callbacks).mount(r);
        new AdminAccounts(state, users, callbacks).mount(r);
        new AdminStanding(state).mount(r);
        new AdminInspect(state, webhooks, callbacks).mount(r);
        r.route().failureHandler(ctx -> {
            Throwable t = ctx.failure();
            if (t instanceof AdminJson.BadRequest bad) {
                AdminJson.error(ctx, bad.status, bad.getMessage());
            } else if (t instanceof NoSuchElementException || t instanceof IllegalArgumentException) {
                AdminJson.error(ctx, t instanceof NoSuchElementException ? 404 : 400, t.getMessage());
            } else {
                AdminJson.error(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : 500,
                        t == null ? "failed" : t.getClass().getSimpleName() + ": " + t.getMessage());
            }
        });
        return r;
    }
}
