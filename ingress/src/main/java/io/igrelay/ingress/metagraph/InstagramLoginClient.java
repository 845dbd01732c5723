package io.igrelay.ingress.metagraph;

import io.igrelay.schemas.config.MetaSettings;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Business Login for Instagram, Meta's side (contract §5.3): the authorize URL, the code exchange on api.instagram.com
 * (both answer shapes seen in the wild), the long-lived exchange and refresh on graph.instagram.com, {@code /me}
 * (where {@code user_id} is the webhook entry.id and {@code id} is app-scoped) and subscribed_apps (subscribe, read,
 * remove), as https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login documents
 * them for the configured Graph version.
 */
public final class InstagramLoginClient {

    /** Messaging, and comment moderation (https://developers.facebook.com/docs/instagram-platform/comment-moderation). */
    static final String SCOPES = "instagram_business_basic,instagram_business_manage_messages,"
            + "instagram_business_manage_comments";

    private final WebClient http;
    private final MetaSettings meta;
    private final String redirectUri;

    public InstagramLoginClient(WebClient http, MetaSettings meta, String redirectUri) {
        this.http = http;
        this.meta = meta;
        this.redirectUri = redirectUri;
    }

    public boolean configured() {
        return meta.instagramAppId().isPresent() && meta.instagramAppSecret().isPresent();
    }

    public String appId() {
        return meta.instagramAppId().orElseThrow();
    }

    public String authorizeUrl(String state) {
        return meta.instagramAuthorizeUrl() + "?client_id=" + enc(appId()) + "&redirect_uri=" + enc(redirectUri)
                + "&response_type=code&scope=" + enc(SCOPES) + "&state=" + enc(state);
    }

    /** The short-lived token and the app-scoped user id of the code's owner. */
    public Future<ShortToken> exchangeCode(String code) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("client_id", appId())
                .add("client_secret", meta.instagramAppSecret().orElseThrow().value())
                .add("grant_type", "authorization_code")
                .add("redirect_uri", redirectUri)
                .add("code", code);
        return MetaHttp.json(http.postAbs(meta.instagramApiUrl() + "/oauth/access_token").sendForm(form))
                .map(InstagramLoginClient::shortToken);
    }

    private static ShortToken shortToken(JsonObject body) {
        JsonArray data = body.getJsonArray("data");
        JsonObject grant = data != null && !data.isEmpty() ? data.getJsonObject(0) : body;
        Object userId = grant.getValue("user_id");
        String token = grant.getString("access_token");
        if (token == null) {
            throw new MetaCallException(200, 0, "the code exchange returned no access token");
        }
        return new ShortToken(token, userId == null ? null : String.valueOf(userId));
    }

    public Future<TokenGrant> longLived(String shortToken) {
        return MetaHttp.json(http.getAbs(meta.graphInstagramUrl() + "/access_token")
                        .addQueryParam("grant_type", "ig_exchange_token")
                        .addQueryParam("client_secret", meta.instagramAppSecret().orElseThrow().value())
                        .addQueryParam("access_token", shortToken).send())
                .map(TokenGrant::from);
    }

    /** Renews a long-lived token that is at least 24 h old and not expired. */
    public Future<TokenGrant> refresh(String longLivedToken) {
        return MetaHttp.json(http.getAbs(meta.graphInstagramUrl() + "/refresh_access_token")
                        .addQueryParam("grant_type", "ig_refresh_token")
                        .addQueryParam("access_token", longLivedToken).send())
                .map(TokenGrant::from);
    }

    public Future<InstagramProfile> me(String token) {
        return MetaHttp.json(http.getAbs(graph("/me")).addQueryParam("fields", "id,user_id,username,account_type")
                        .bearerTokenAuthentication(token).send())
                .map(body -> new InstagramProfile(asString(body.getValue("user_id")), body.getString("username"),
                        body.getString("account_type"), asString(body.getValue("id"))));
    }

    public Future<Void> subscribe(String token, String fields) {
        return MetaHttp.json(http.postAbs(graph("/me/subscribed_apps")).addQueryParam("subscribed_fields", fields)
                .bearerTokenAuthentication(token).send()).mapEmpty();
    }

    /** The fields this app is subscribed to for the token's account ({@code GET /me/subscribed_apps}). */
    public Future<List<String>> subscribedFields(String token) {
        return MetaHttp.json(http.getAbs(graph("/me/subscribed_apps")).bearerTokenAuthentication(token).send())
                .map(body -> MetaHttp.subscribedFields(body, null));
    }

    /** Removes this app's webhook subscription of the token's account (a disconnect). */
    public Future<Void> unsubscribe(String token) {
        return MetaHttp.json(http.deleteAbs(graph("/me/subscribed_apps")).bearerTokenAuthentication(token).send())
                .mapEmpty();
    }

    private String graph(String path) {
        return meta.graphInstagramUrl() + "/" + meta.graphApiVersion() + path;
    }

    static String asString(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public record ShortToken(String token, String appScopedUserId) {
        @Override
        public String toString() {
            return "ShortToken[<redacted>]";
        }
    }

    /**
     * {@code accountType} is BUSINESS, MEDIA_CREATOR or PERSONAL
     * (https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/get-started); Meta
     * does not promise the casing, so it is compared without regard to case.
     */
    public record InstagramProfile(String userId, String username, String accountType, String appScopedId) {
        public boolean professional() {
            return accountType != null && Set.of("BUSINESS", "MEDIA_CREATOR", "CREATOR")
                    .contains(accountType.trim().toUpperCase(Locale.ROOT));
        }
    }
}
