package io.igrelay.ingress.dashboard;

import io.igrelay.schemas.contract.Hmac;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * CSRF for the sign-in form, without a server-side session (none exists before a sign-in): a signed double-submit
 * token. The sign-in page sets a cookie holding {@code issuedAt.nonce.mac} and puts the same value in the form; a
 * sign-in counts only when the form's value equals the cookie's and the MAC (HMAC-SHA256 under a key this process
 * drew at start) checks out within an hour. A cross-site page can neither read the cookie nor forge the MAC.
 */
public final class LoginCsrf {

    static final String COOKIE = "igr_login_csrf";
    static final String KEY = "igrelay.dashboard.login-csrf";
    private static final Duration MAX_AGE = Duration.ofHours(1);

    private final byte[] key = new byte[32];
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final boolean secureCookie;

    public LoginCsrf(Clock clock, boolean secureCookie) {
        this.clock = clock;
        this.secureCookie = secureCookie;
        random.nextBytes(key);
    }

    /** Issues a token for the sign-in page: set as a cookie and put on the context for the form. */
    public void issue(RoutingContext ctx) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String body = clock.instant().getEpochSecond() + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(nonce);
        String token = body + "." + mac(body);
        ctx.response().addCookie(Cookie.cookie(COOKIE, token).setPath("/dashboard").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setSecure(secureCookie).setMaxAge(MAX_AGE.toSeconds()));
        ctx.put(KEY, token);
    }

    /** True when the form's token equals the cookie's, carries a valid MAC and is under an hour old. */
    public boolean verify(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        String presented = ctx.request().getFormAttribute("csrf");
        if (cookie == null || presented == null || !MessageDigest.isEqual(bytes(cookie.getValue()),
                bytes(presented))) {
            return false;
        }
        int lastDot = presented.lastIndexOf('.');
        int firstDot = presented.indexOf('.');
        if (firstDot <= 0 || lastDot <= firstDot) {
            return false;
        }
        String body = presented.substring(0, lastDot);
        if (!MessageDigest.isEqual(bytes(mac(body)), bytes(presented.substring(lastDot + 1)))) {
            return false;
        }
        try {
            long issuedAt = Long.parseLong(presented.substring(0, firstDot));
            return clock.instant().getEpochSecond() - issuedAt <= MAX_AGE.toSeconds();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The token issued for this request's page, if any. */
    static String token(RoutingContext ctx) {
        return ctx.get(KEY);
    }

    private String mac(String body) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Hmac.sha256(key, bytes(body)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
