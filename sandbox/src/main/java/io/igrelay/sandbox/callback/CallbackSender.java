package io.igrelay.sandbox.callback;

import com.fasterxml.jackson.databind.JsonNode;
import io.igrelay.sandbox.SandboxConfig;
import io.igrelay.sandbox.state.BoundedLog;
import io.igrelay.sandbox.state.Flavour;
import io.igrelay.sandbox.wire.MetaJson;
import io.igrelay.sandbox.wire.MetaSignatures;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Clock;

/**
 * Makes Meta's data-deletion and deauthorize callbacks: a form POST of {@code signed_request} =
 * base64url(HMAC-SHA256(app secret, payload_b64)) "." payload_b64, payload {@code {algorithm, expires, issued_at,
 * user_id}} as in meta-fixtures/signed-request-deletion.json, signed with the secret of the app the user
 * connected through. Records the answer.
 */
public final class CallbackSender {
    private final SandboxConfig cfg;
    private final Clock clock;
    private final WebClient client;
    private final BoundedLog<CallbackRecord> log;

    public CallbackSender(Vertx vertx, SandboxConfig cfg, Clock clock) {
        this.cfg = cfg;
        this.clock = clock;
        this.client = WebClient.create(vertx);
        this.log = new BoundedLog<>(cfg.logLimit());
    }

    public BoundedLog<CallbackRecord> log() {
        return log;
    }

    public static String payload(String userId, long issuedAtSeconds) {
        return MetaJson.render(MetaJson.object().put("algorithm", "HMAC-SHA256").put("expires", 0)
                .put("issued_at", issuedAtSeconds).put("user_id", userId));
    }

    public String secret(Flavour app) {
        return app == Flavour.INSTAGRAM_LOGIN ? cfg.instagramAppSecret() : cfg.metaAppSecret();
    }

    /** kind is "data_deletion" or "deauthorize". */
    public Future<CallbackRecord> send(String kind, Flavour app, String userId, URI override) {
        URI url = override != null ? override
                : kind.equals("deauthorize") ? cfg.deauthorizeCallbackUrl() : cfg.deletionCallbackUrl();
        long now = clock.millis();
        String signed = MetaSignatures.signedRequest(secret(app), payload(userId, now / 1000));
        String appName = app == Flavour.INSTAGRAM_LOGIN ? "instagram" : "meta";
        return client.postAbs(url.toString()).timeout(cfg.webhookTimeout().toMillis())
                .sendForm(MultiMap.caseInsensitiveMultiMap().add("signed_request", signed))
                .map(resp -> {
                    String body = resp.bodyAsString();
                    String code = null;
                    String statusUrl = null;
                    try {
                        JsonNode json = body == null ? null : MetaJson.MAPPER.readTree(body);
                        if (json != null) {
                            code = json.path("confirmation_code").asText(null);
                            statusUrl = json.path("url").asText(null);
                        }
                    } catch (Exception notJson) {
                        // the hub answered something else; the record keeps the raw body
                    }
                    return new CallbackRecord(log.nextSeq(), now, kind, url.toString(), appName, userId, signed,
                            resp.statusCode(), body, code, statusUrl, null);
                })
                .recover(err -> Future.succeededFuture(new CallbackRecord(log.nextSeq(), now, kind, url.toString(),
                        appName, userId, signed, 0, null, null, null, String.valueOf(err.getMessage()))))
                .onSuccess(log::add);
    }

    /**
     * Meta's webhook verification handshake (what the App Dashboard does when the callback URL is saved):
     * {@code GET <webhook url>?hub.mode=subscribe&hub.challenge=<n>&hub.verify_token=<token>}; the endpoint passes
     * if it answers 200 with the challenge as the body.
     */
    public Future<JsonNode> verifyWebhook(String verifyToken, long challenge) {
        String expected = Long.toString(challenge);
        return client.getAbs(cfg.webhookUrl().toString()).timeout(cfg.webhookTimeout().toMillis())
                .addQueryParam("hub.mode", "subscribe").addQueryParam("hub.challenge", expected)
                .addQueryParam("hub.verify_token", verifyToken).send()
                .map(resp -> (JsonNode) MetaJson.object().put("status", resp.statusCode())
                        .put("body", resp.bodyAsString()).put("challenge", expected)
                        .put("verified", resp.statusCode() == 200 && expected.equals(resp.bodyAsString())))
                .recover(err -> Future.succeededFuture(MetaJson.object().put("status", 0)
                        .put("error", String.valueOf(err.getMessage())).put("verified", false)));
    }

    public void close() {
        client.close();
    }
}
