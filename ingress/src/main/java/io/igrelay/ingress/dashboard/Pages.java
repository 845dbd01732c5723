package io.igrelay.ingress.dashboard;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.common.template.TemplateEngine;
import io.vertx.ext.web.templ.thymeleaf.ThymeleafTemplateEngine;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the server-side pages (Thymeleaf templates under templates/dashboard, escaped by default). Every page gets
 * the session's CSRF token and the signed-in Application's name. A template failure ends as a plain 500 page.
 */
public final class Pages {

    private static final Logger LOG = LoggerFactory.getLogger(Pages.class);

    private final TemplateEngine engine;

    public Pages(Vertx vertx) {
        this.engine = ThymeleafTemplateEngine.create(vertx);
    }

    public void render(RoutingContext ctx, int status, String template, Map<String, Object> model) {
        Map<String, Object> data = new HashMap<>(model);
        DashboardSession session = SessionHandler.session(ctx);
        String loginToken = LoginCsrf.token(ctx);
        data.put("csrf", session != null ? session.csrfToken() : loginToken == null ? "" : loginToken);
        data.put("applicationName", session == null ? null
                : session.signedIn().map(DashboardSession.SignedIn::applicationName).orElse(null));
        engine.render(data, "templates/dashboard/" + template + ".html").onComplete(result -> {
            if (result.succeeded()) {
                ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8")
                        .end(result.result());
            } else {
                LOG.error("rendering {} failed: {}", template, result.cause().toString());
                ctx.response().setStatusCode(500).putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end("The page could not be shown.");
            }
        });
    }

    /** A page that explains why nothing was connected (or done). */
    public void failure(RoutingContext ctx, int status, String title, String message) {
        render(ctx, status, "failure", Map.of("title", title, "message", message));
    }
}
