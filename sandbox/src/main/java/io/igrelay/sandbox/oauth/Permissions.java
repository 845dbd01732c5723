package io.igrelay.sandbox.oauth;

import java.util.List;
import java.util.Set;

/**
 * The permissions each login dialog can grant, and the Facebook Login for Business configuration the sandbox knows.
 * A dialog asked for a scope outside its list answers "Invalid Scopes", as Meta's does. Sources: Facebook Login
 * permissions https://developers.facebook.com/docs/permissions (and the table of Facebook Login for Business,
 * https://developers.facebook.com/docs/facebook-login/facebook-login-for-business/); Instagram Login scopes
 * https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/business-login.
 */
public final class Permissions {

    /** What Facebook Login grants for Instagram messaging and Page management (the ones the sandbox simulates). */
    public static final Set<String> FACEBOOK = Set.of("public_profile", "email", "business_management",
            "instagram_basic", "instagram_manage_messages", "instagram_manage_comments", "instagram_manage_insights",
            "instagram_content_publish", "pages_show_list", "pages_read_engagement", "pages_manage_metadata",
            "pages_messaging", "pages_manage_engagement", "pages_read_user_engagement", "pages_manage_posts",
            "ads_read", "ads_management");

    /** Business Login for Instagram scopes. */
    public static final Set<String> INSTAGRAM = Set.of("instagram_business_basic",
            "instagram_business_manage_messages", "instagram_business_manage_comments",
            "instagram_business_content_publish", "instagram_business_manage_insights");

    /** The permissions the sandbox's Facebook Login for Business configuration names. */
    public static final List<String> CONFIGURATION = List.of("instagram_basic", "instagram_manage_messages",
            "instagram_manage_comments", "pages_manage_metadata", "pages_show_list", "pages_read_engagement",
            "business_management");

    private Permissions() {
    }

    /** The scopes of {@code requested} that {@code known} does not hold. */
    public static List<String> unknown(List<String> requested, Set<String> known) {
        return requested.stream().filter(s -> !known.contains(s)).toList();
    }
}
