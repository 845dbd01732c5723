package io.igrelay.dispatcher.graph;

import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.Flavour;
import io.igrelay.schemas.config.MetaSettings;
import io.igrelay.schemas.config.Secret;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/*
 * Addresses a command's bodies to the channel's flavour (SPEC 6.3): Instagram Login posts to
 * GRAPH_INSTAGRAM_URL/{version}/{igAccountId}/messages with a Bearer token; Facebook Login posts to
 * GRAPH_FACEBOOK_URL/{version}/me/messages with the Page token and appsecret_proof in the query.
 */
public final class GraphRequestFactory {

    private final MetaSettings meta;
    private final SendBodyMapper bodies;
    /** Per account: parsing the same address for every call cost more than building the body. */
    private final Map<String, URI> instagramUris = new ConcurrentHashMap<>();

    public GraphRequestFactory(MetaSettings meta, SendBodyMapper bodies) {
        this.meta = meta;
        this.bodies = bodies;
    }

    /** The calls for one command, in the order they must be made; {@code token} is the decrypted channel token. */
    public List<GraphCall> calls(DispatchCommand command, Flavour flavour, String token) {
        List<JsonObject> json = bodies.bodies(command, flavour);
        return json.stream().map(body -> call(command, flavour, token, body.encode())).toList();
    }

    private GraphCall call(DispatchCommand command, Flavour flavour, String token, String body) {
        if (flavour == Flavour.INSTAGRAM_LOGIN) {
            URI uri = instagramUris.computeIfAbsent(command.getIgAccountId(), account -> URI.create(
                    meta.graphInstagramUrl() + "/" + meta.graphApiVersion() + "/" + encode(account) + "/messages"));
            return new GraphCall(uri, Optional.of(token), body);
        }
        Secret appSecret = meta.metaAppSecret().orElseThrow(() -> new UnsendableCommandException("INTERNAL",
                "META_APP_SECRET is not configured, Facebook Login channels cannot send"));
        URI uri = URI.create(meta.graphFacebookUrl() + "/" + meta.graphApiVersion() + "/me/messages"
                + "?access_token=" + encode(token) + "&appsecret_proof=" + AppSecretProof.of(appSecret, token));
        return new GraphCall(uri, Optional.empty(), body);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
