package io.igrelay.sandbox.state;

import java.util.List;

/**
 * One access token the simulated Meta issued. {@code subject} is the IG professional account id (Instagram
 * tokens), the Facebook user's app-scoped id (user tokens) or the Page id (Page tokens). Page tokens derived from
 * a long-lived user token never expire ({@code expiresAt == Long.MAX_VALUE}). {@code pages} are the Pages a
 * Facebook user granted in the dialog (empty for Instagram tokens).
 */
public record TokenInfo(String token, Kind kind, String subject, long issuedAt, long expiresAt,
        List<String> scopes, List<String> pages) {

    public enum Kind {
        IG_SHORT, IG_LONG, FB_USER_SHORT, FB_USER_LONG, FB_PAGE;

        public Flavour flavour() {
            return this == IG_SHORT || this == IG_LONG ? Flavour.INSTAGRAM_LOGIN : Flavour.FACEBOOK_LOGIN;
        }
    }

    public boolean expiredAt(long now) {
        return now >= expiresAt;
    }

    public long expiresInSeconds(long now) {
        return expiresAt == Long.MAX_VALUE ? 0 : Math.max(0, (expiresAt - now) / 1000);
    }
}
