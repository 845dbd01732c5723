package io.igrelay.ingress.metagraph;

import io.igrelay.schemas.config.MetaSettings;
import io.igrelay.schemas.contract.AppSecretProof;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Facebook Login for Instagram messaging, Meta's side: the dialog URL (with the permissions, or with a Facebook Login
 * for Business {@code config_id}, whose configuration names them:
 * https://developers.facebook.com/docs/facebook-login/facebook-login-for-business/), code exchange and long-lived user
 * token on graph.facebook.com, {@code /me} (the app-scoped user id for the deletion callbacks), {@code /me/accounts}
 * with each Page's token, tasks and linked Instagram account, and the Page's subscribed_apps
 * (https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps). Every call carries
 * {@code appsecret_proof}.
 */
public final class FacebookLoginClient {

    /**
     * instagram_basic, instagram_manage_messages and pages_manage_metadata are what Instagram messaging webhooks need
     * (https://developers.facebook.com/docs/messenger-platform/instagram/features/webhook); pages_show_list and
     * pages_read_engagement let /me/accounts list the Pages; business_management is needed since Graph v17 for Pages
     * that a business portfolio owns, which /me/accounts otherwise leaves out; instagram_manage_comments (with
     * pages_read_engagement) lets the hub answer and moderate comments
     * (https://developers.facebook.com/docs/instagram-platform/comment-moderation).
     */
    static final String SCOPES = "instagram_basic,instagram_manage_messages,instagram_manage_comments,"
            + "pages_manage_metadata,pages_messaging,pages_show_list,pages_read_engagement,business_management";

    private final WebClient http;
    private final MetaSettings meta;
    private final String redirectUri;
    private final Optional<String> configId;

    public FacebookLoginClient(WebClient http, MetaSettings meta, String redirectUri) {
        this(http, meta, redirectUri, Optional.empty());
    }

    /** {@code configId}: a Facebook Login for Business configuration, used instead of the scope list. */
    public FacebookLoginClient(WebClient http, MetaSettings meta, String redirectUri, Optional<String> configId) {
        this.http = http;
        this.meta = meta;
        this.redirectUri = redirectUri;
        this.configId = configId;
    }

    public boolean configured() {
        return meta.metaAppId().isPresent() && meta.metaAppSecret().isPresent();
    }

    public String appId() {
        return meta.metaAppId().orElseThrow();
    }

    public String dialogUrl(String state) {
        String permissions = configId.map(id -> "&config_id=" + InstagramLoginClient.enc(id))
                .orElse("&scope=" + InstagramLoginClient.enc(SCOPES));
        return meta.facebookDialogUrl() + "?client_id=" + InstagramLoginClient.enc(appId()) + "&redirect_uri="
                + InstagramLoginClient.enc(redirectUri) + "&response_type=code" + permissions + "&state="
                + InstagramLoginClient.enc(state);
    }

    public Future<TokenGrant> exchangeCode(String code) {
        return MetaHttp.json(http.getAbs(graph("/oauth/access_token"))
                .addQueryParam("client_id", appId()).addQueryParam("client_secret", secret())
                .addQueryParam("redirect_uri", redirectUri).addQueryParam("code", code).send()).map(TokenGrant::from);
    }

    public Future<TokenGrant> longLived(String userToken) {
        return MetaHttp.json(http.getAbs(graph("/oauth/access_token"))
                .addQueryParam("grant_type", "fb_exchange_token").addQueryParam("client_id", appId())
                .addQueryParam("client_secret", secret()).addQueryParam("fb_exchange_token", userToken).send())
                .map(TokenGrant::from);
    }

    /** The app-scoped id of the Facebook user. */
    public Future<String> me(String userToken) {
        return MetaHttp.json(withToken(http.getAbs(graph("/me")).addQueryParam("fields", "id,name"), userToken)
                .send()).map(body -> body.getString("id"));
    }

    public Future<List<FacebookPage>> pages(String userToken) {
        return MetaHttp.json(withToken(http.getAbs(graph("/me/accounts")).addQueryParam("fields",
                        "name,access_token,tasks,instagram_business_account{id,username}"), userToken).send())
                .map(FacebookLoginClient::pages);
    }

    private static List<FacebookPage> pages(JsonObject body) {
        List<FacebookPage> pages = new ArrayList<>();
        JsonArray data = body.getJsonArray("data", new JsonArray());
        for (int i = 0; i < data.size(); i++) {
            JsonObject page = data.getJsonObject(i);
            JsonObject ig = page.getJsonObject("instagram_business_account");
            JsonArray tasks = page.getJsonArray("tasks");
            pages.add(new FacebookPage(page.getString("id"), page.getString("name", page.getString("id")),
                    page.getString("access_token"),
                    tasks == null ? Optional.empty() : Optional.of(tasks.stream().map(String::valueOf).toList()),
                    ig == null ? Optional.empty()
                            : Optional.of(new FacebookPage.LinkedAccount(ig.getString("id"),
                                    ig.getString("username", ig.getString("id"))))));
        }
        return pages;
    }

    public Future<Void> subscribePage(String pageId, String pageToken, String fields) {
        return MetaHttp.json(withToken(http.postAbs(graph("/" + pageId + "/subscribed_apps"))
                .addQueryParam("subscribed_fields", fields), pageToken).send()).mapEmpty();
    }

    /** The fields this app is subscribed to for the Page ({@code GET /{page-id}/subscribed_apps}). */
    public Future<List<String>> subscribedFields(String pageId, String pageToken) {
        return MetaHttp.json(withToken(http.getAbs(graph("/" + pageId + "/subscribed_apps")), pageToken).send())
                .map(body -> MetaHttp.subscribedFields(body, appId()));
    }

    /** Removes this app's webhook subscription of the Page (a disconnect). */
    public Future<Void> unsubscribePage(String pageId, String pageToken) {
        return MetaHttp.json(withToken(http.deleteAbs(graph("/" + pageId + "/subscribed_apps")), pageToken).send())
                .mapEmpty();
    }

    private HttpRequest<Buffer> withToken(HttpRequest<Buffer> request, String token) {
        return request.addQueryParam("access_token", token)
                .addQueryParam("appsecret_proof", AppSecretProof.of(meta.metaAppSecret().orElseThrow(), token));
    }

    private String secret() {
        return meta.metaAppSecret().orElseThrow().value();
    }

    private String graph(String path) {
        return meta.graphFacebookUrl() + "/" + meta.graphApiVersion() + path;
    }
}
