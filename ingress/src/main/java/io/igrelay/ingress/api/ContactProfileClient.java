package io.igrelay.ingress.api;

import io.igrelay.avro.Channel;
import io.igrelay.avro.Flavour;
import io.igrelay.schemas.config.MetaSettings;
import io.igrelay.schemas.contract.AppSecretProof;
import io.igrelay.schemas.contract.HubErrorCode;
import io.igrelay.schemas.crypto.TokenCipher;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/**
 * Meta's User Profile API for one contact of one channel: {@code GET /{igsid}?fields=...} on the channel's host
 * (graph.instagram.com with the Instagram token as a Bearer header; graph.facebook.com with the Page token and its
 * appsecret_proof). Meta shares a profile only with a user's consent, which it sets when the user writes, taps an ice
 * breaker or the persistent menu; otherwise, or without the permission, Meta refuses and so does this client, with
 * Meta's message. https://developers.facebook.com/docs/messenger-platform/instagram/features/user-profile and
 * https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api/user-profile
 */
public final class ContactProfileClient {

    static final String FIELDS = "name,username,profile_pic,follower_count,is_verified_user,"
            + "is_user_follow_business,is_business_follow_user";

    private final WebClient http;
    private final MetaSettings meta;
    private final TokenCipher cipher;

    public ContactProfileClient(WebClient http, MetaSettings meta, TokenCipher cipher) {
        this.http = http;
        this.meta = meta;
        this.cipher = cipher;
    }

    /** The hub's contact JSON for {@code igsid} as Meta answers it through {@code channel}. */
    public Future<JsonObject> fetch(Channel channel, String igsid) {
        String token;
        try {
            token = cipher.decrypt(channel.getToken());
        } catch (RuntimeException e) {
            return Future.failedFuture(new ApiError(422, HubErrorCode.REAUTH_REQUIRED,
                    "channel " + channel.getChannelId() + " has no usable token"));
        }
        boolean instagram = channel.getFlavour() == Flavour.INSTAGRAM_LOGIN;
        String host = instagram ? meta.graphInstagramUrl().toString() : meta.graphFacebookUrl().toString();
        HttpRequest<Buffer> request = http.getAbs(host + "/" + meta.graphApiVersion() + "/" + igsid)
                .addQueryParam("fields", FIELDS);
        if (instagram) {
            request.bearerTokenAuthentication(token);
        } else {
            request.addQueryParam("access_token", token);
            meta.metaAppSecret().ifPresent(secret -> request.addQueryParam("appsecret_proof",
                    AppSecretProof.of(secret, token)));
        }
        return request.send()
                .recover(e -> Future.failedFuture(ApiError.unavailable("Meta could not be reached, retry later")))
                .compose(response -> read(response, igsid));
    }

    private static Future<JsonObject> read(HttpResponse<Buffer> response, String igsid) {
        return ChannelGraph.read(response, "the profile of " + igsid).map(body -> new JsonObject()
                .put("igsid", igsid)
                .put("name", body.getString("name"))
                .put("username", body.getString("username"))
                .put("profilePicUrl", body.getString("profile_pic"))
                .put("followerCount", body.getInteger("follower_count"))
                .put("isVerifiedUser", body.getBoolean("is_verified_user"))
                .put("followsBusiness", body.getBoolean("is_user_follow_business"))
                .put("businessFollowsUser", body.getBoolean("is_business_follow_user")));
    }
}
