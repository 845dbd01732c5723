package io.igrelay.dispatcher.webhooks.contact;

import io.igrelay.avro.Channel;
import io.igrelay.avro.Flavour;
import io.igrelay.dispatcher.state.ChannelView;
import io.igrelay.schemas.config.MetaSettings;
import io.igrelay.schemas.contract.AppSecretProof;
import io.igrelay.schemas.crypto.TokenCipher;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;

/*
 * Meta's User Profile API for the dispatcher: {@code GET /{igsid}?fields=...} on the channel's host,
 * graph.instagram.com with the Instagram token as a Bearer header, graph.facebook.com with the Page token and its
 * appsecret_proof; the token is decrypted in memory for the one call. The same fields and JSON as the ingress's
 * GET /v1/communication/instagram/contacts/{igsid}. Meta shares a profile only once the user has written (or tapped an
 * ice breaker or the persistent menu); any refusal, error or timeout fails the future.
 * https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api/user-profile
 * https://developers.facebook.com/docs/messenger-platform/instagram/features/user-profile
 */
public final class MetaContactSource implements ContactSource {

    static final String FIELDS = "name,username,profile_pic,follower_count,is_verified_user,"
            + "is_user_follow_business,is_business_follow_user";

    private final WebClient http;
    private final ChannelView channels;
    private final TokenCipher cipher;
    private final MetaSettings meta;
    private final Duration timeout;

    public MetaContactSource(WebClient http, ChannelView channels, TokenCipher cipher, MetaSettings meta,
            Duration timeout) {
        this.http = http;
        this.channels = channels;
        this.cipher = cipher;
        this.meta = meta;
        this.timeout = timeout;
    }

    @Override
    public Future<JsonObject> fetch(String channelId, String igsid) {
        Channel channel = channels.get(channelId).orElse(null);
        if (channel == null) {
            return Future.failedFuture("unknown channel " + channelId);
        }
        String token;
        try {
            token = cipher.decrypt(channel.getToken());
        } catch (RuntimeException e) {
            return Future.failedFuture("channel " + channelId + " has no usable token");
        }
        boolean instagram = channel.getFlavour() == Flavour.INSTAGRAM_LOGIN;
        String host = (instagram ? meta.graphInstagramUrl() : meta.graphFacebookUrl()).toString();
        HttpRequest<Buffer> request = http.getAbs(host + "/" + meta.graphApiVersion() + "/" + igsid)
                .addQueryParam("fields", FIELDS).timeout(timeout.toMillis());
        if (instagram) {
            request.bearerTokenAuthentication(token);
        } else {
            request.addQueryParam("access_token", token);
            meta.metaAppSecret().ifPresent(secret -> request.addQueryParam("appsecret_proof",
                    AppSecretProof.of(secret, token)));
        }
        return request.send().compose(response -> read(response, channelId, igsid));
    }

    static Future<JsonObject> read(HttpResponse<Buffer> response, String channelId, String igsid) {
        JsonObject body;
        try {
            body = response.bodyAsJsonObject();
        } catch (RuntimeException e) {
            body = null;
        }
        if (body == null || response.statusCode() / 100 != 2 || body.containsKey("error")) {
            return Future.failedFuture("Meta refused the profile of " + igsid + " (HTTP " + response.statusCode()
                    + ")");
        }
        return Future.succeededFuture(new JsonObject()
                .put("igsid", igsid)
                .put("channelId", channelId)
                .put("name", body.getString("name"))
                .put("username", body.getString("username"))
                .put("profilePicUrl", body.getString("profile_pic"))
                .put("followerCount", body.getInteger("follower_count"))
                .put("isVerifiedUser", body.getBoolean("is_verified_user"))
                .put("followsBusiness", body.getBoolean("is_user_follow_business"))
                .put("businessFollowsUser", body.getBoolean("is_business_follow_user")));
    }
}
