package io.igrelay.ingress.api;

import io.igrelay.avro.Channel;
import io.igrelay.avro.Flavour;
import io.igrelay.schemas.config.MetaSettings;
import io.igrelay.schemas.contract.AppSecretProof;
import io.igrelay.schemas.contract.HubErrorCode;
import io.igrelay.schemas.crypto.TokenCipher;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/**
 * One Graph call on behalf of a channel's Instagram account, addressed the way each login flavour needs: Instagram
 * Login on graph.instagram.com at {@code /{ig-user-id}/...} with the Instagram token as a Bearer header; Facebook Login
 * on graph.facebook.com at {@code /{page-id}/...} with the Page token, its appsecret_proof and
 * {@code platform=instagram} in the query (and in a POST's body), the Page's own Messenger settings otherwise. Meta's refusal becomes a 422 with Meta's
 * message (REAUTH_REQUIRED for code 190), an unreachable Meta a 503.
 * https://developers.facebook.com/docs/messenger-platform/instagram/features/attachment-upload,
 * https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api/ice-breakers
 */
public final class ChannelGraph implements ChannelGraphCaller {

    private final WebClient http;
    private final MetaSettings meta;
    private final TokenCipher cipher;

    public ChannelGraph(WebClient http, MetaSettings meta, TokenCipher cipher) {
        this.http = http;
        this.meta = meta;
        this.cipher = cipher;
    }

    /** Meta's JSON answer, or a failed future with the {@link ApiError} to answer. */
    @Override
    public Future<JsonObject> call(Channel channel, ChannelGraphCaller.Call call, String what) {
        String token;
        try {
            token = cipher.decrypt(channel.getToken());
        } catch (RuntimeException e) {
            return Future.failedFuture(new ApiError(422, HubErrorCode.REAUTH_REQUIRED,
                    "channel " + channel.getChannelId() + " has no usable token"));
        }
        boolean instagram = channel.getFlavour() == Flavour.INSTAGRAM_LOGIN;
        String host = instagram ? meta.graphInstagramUrl().toString() : meta.graphFacebookUrl().toString();
        String node = instagram ? channel.getIgUserId() : channel.getPageId();
        HttpRequest<Buffer> request = http.requestAbs(call.method(),
                host + "/" + meta.graphApiVersion() + "/" + node + "/" + call.edge());
        call.query().forEach(request::addQueryParam);
        JsonObject body = call.body() == null ? null : call.body().copy();
        if (instagram) {
            request.bearerTokenAuthentication(token);
        } else {
            request.addQueryParam("access_token", token);
            meta.metaAppSecret().ifPresent(secret -> request.addQueryParam("appsecret_proof",
                    AppSecretProof.of(secret, token)));
            // Meta's examples carry platform=instagram in the query of every call and also in a POST's body
            request.addQueryParam("platform", "instagram");
            if (body != null && call.method() == HttpMethod.POST) {
                body = new JsonObject().put("platform", "instagram").mergeIn(body);
            }
        }
        Future<HttpResponse<Buffer>> sent = body == null ? request.send() : request.sendJsonObject(body);
        return sent.recover(e -> Future.failedFuture(ApiError.unavailable("Meta could not be reached, retry later")))
                .compose(response -> read(response, what));
    }

    /**
     * Meta's answer to a call about {@code what}: its JSON, or the hub's error for a refusal (190: the channel must be
     * connected again; anything else META_ERROR with Meta's message), or for an answer without JSON.
     */
    static Future<JsonObject> read(HttpResponse<Buffer> response, String what) {
        JsonObject body;
        try {
            body = response.bodyAsJsonObject();
        } catch (RuntimeException e) {
            body = null;
        }
        if (body == null) {
            return Future.failedFuture(new ApiError(502, HubErrorCode.META_ERROR,
                    "Meta answered HTTP " + response.statusCode() + " without JSON"));
        }
        JsonObject error = body.getJsonObject("error");
        if (response.statusCode() / 100 != 2 || error != null) {
            JsonObject e = error == null ? new JsonObject() : error;
            int code = e.getInteger("code", 0);
            String message = "Meta refused " + what + ": " + e.getString("message", "HTTP " + response.statusCode())
                    + " (code " + code + ")";
            return Future.failedFuture(code == 190 ? new ApiError(422, HubErrorCode.REAUTH_REQUIRED, message)
                    : new ApiError(422, HubErrorCode.META_ERROR, message));
        }
        return Future.succeededFuture(body);
    }
}
