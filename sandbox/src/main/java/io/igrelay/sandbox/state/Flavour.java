package io.igrelay.sandbox.state;

/**
 * The two ways a business connects: Instagram Login (graph.instagram.com, IG user token) and Facebook Login
 * (graph.facebook.com, Page token). Webhooks of an account are signed with the secret of the app flavour it
 * subscribed through.
 */
public enum Flavour {
    INSTAGRAM_LOGIN,
    FACEBOOK_LOGIN;

    public static Flavour parse(String s) {
        if (s == null) {
            return INSTAGRAM_LOGIN;
        }
        return switch (s.toLowerCase()) {
            case "instagram", "instagram_login", "ig" -> INSTAGRAM_LOGIN;
            case "facebook", "facebook_login", "fb", "meta" -> FACEBOOK_LOGIN;
            default -> throw new IllegalArgumentException("flavour must be instagram or facebook");
        };
    }
}
