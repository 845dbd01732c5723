package io.igrelay.ingress.dashboard;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/**
 * First handler of every dashboard and onboarding route: finds or starts the browser's session (cookie HttpOnly,
 * SameSite=Lax so the OAuth redirect back from Meta still carries it, Secure behind https), sets the pages'
 * security headers, and on POST checks the form's CSRF token (403 otherwise).
 */
public final class SessionHandler {

    public static final String COOKIE = "igr_dashboard";
    static final String KEY = "igrelay.dashboard.session";

    private final DashboardSessions sessions;
    private final boolean secureCookie;

    public SessionHandler(DashboardSessions sessions, boolean secureCookie) {
        this.sessions = sessions;
        this.secureCookie = secureCookie;
    }

    public void handle(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        DashboardSession session = sessions.find(cookie == null ? null : cookie.getValue()).orElse(null);
        if (session == null) {
            session = sessions.create();
            setCookie(ctx, session);
        }
        ctx.put(KEY, session);
        ctx.response()
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Content-Security-Policy",
                        "default-src 'self'; form-action 'self' *; frame-ancestors 'none'");
        ctx.next();
    }

    /** For POST routes, after the body handler: the form must carry this session's CSRF token. */
    public static void checkCsrf(RoutingContext ctx) {
        if (!session(ctx).csrfMatches(ctx.request().getFormAttribute("csrf"))) {
            ctx.response().setStatusCode(403).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("The form expired or did not come from this dashboard. Go back, reload and try again.");
            return;
        }
        ctx.next();
    }

    public void setCookie(RoutingContext ctx, DashboardSession session) {
        ctx.response().addCookie(Cookie.cookie(COOKIE, session.id()).setPath("/").setHttpOnly(true)
                .setSameSite(CookieSameSite.LAX).setSecure(secureCookie));
        ctx.put(KEY, session);
    }

    public static DashboardSession session(RoutingContext ctx) {
        return ctx.get(KEY);
    }
}
