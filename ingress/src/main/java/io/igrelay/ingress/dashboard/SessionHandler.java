package io.igrelay.ingress.dashboard;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * First handler of every dashboard and onboarding route: finds the browser's session if it signed in (cookie
 * HttpOnly, SameSite=Lax so the OAuth redirect back from Meta still carries it, Secure behind https) and never
 * starts one, sets the pages' security headers, and on POST checks the form's CSRF token (403 otherwise): the
 * session's token once signed in, the signed double-submit token of {@link LoginCsrf} on the sign-in form.
 */
public final class SessionHandler {

    public static final String COOKIE = "igr_dashboard";
    static final String KEY = "igrelay.dashboard.session";
    static final String LOGIN_PATH = "/dashboard/login";

    private final DashboardSessions sessions;
    private final LoginCsrf loginCsrf;
    private final boolean secureCookie;

    public SessionHandler(DashboardSessions sessions, LoginCsrf loginCsrf, boolean secureCookie) {
        this.sessions = sessions;
        this.loginCsrf = loginCsrf;
        this.secureCookie = secureCookie;
    }

    public void handle(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        if (cookie != null) {
            sessions.find(cookie.getValue()).ifPresent(session -> ctx.put(KEY, session));
        }
        ctx.response()
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Content-Security-Policy",
                        "default-src 'self'; form-action 'self' *; frame-ancestors 'none'");
        ctx.next();
    }

    /**
     * For POST routes, before the body handler: only the sign-in form is read without a session; any other form
     * from a browser that has not signed in is sent to the sign-in page unread.
     */
    public void requireSessionUnlessSigningIn(RoutingContext ctx) {
        if (session(ctx) == null && !LOGIN_PATH.equals(ctx.normalizedPath())) {
            ctx.response().setStatusCode(303).putHeader("Location", LOGIN_PATH).end();
            return;
        }
        ctx.next();
    }

    /** For POST routes, after the body handler: the sign-in form's signed token, or this session's CSRF token. */
    public void checkCsrf(RoutingContext ctx) {
        boolean valid = LOGIN_PATH.equals(ctx.normalizedPath()) ? loginCsrf.verify(ctx)
                : current(ctx).map(s -> s.csrfMatches(ctx.request().getFormAttribute("csrf"))).orElse(false);
        if (!valid) {
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

    public void clearCookie(RoutingContext ctx) {
        ctx.response().addCookie(Cookie.cookie(COOKIE, "").setPath("/").setHttpOnly(true)
                .setSameSite(CookieSameSite.LAX).setSecure(secureCookie).setMaxAge(0));
        ctx.remove(KEY);
    }

    /** The signed-in session, after {@code requireSignIn} passed (null before a sign-in). */
    public static DashboardSession session(RoutingContext ctx) {
        return ctx.get(KEY);
    }

    public static Optional<DashboardSession> current(RoutingContext ctx) {
        return Optional.ofNullable(session(ctx));
    }
}
