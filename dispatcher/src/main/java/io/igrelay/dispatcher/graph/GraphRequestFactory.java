package io.igrelay.dispatcher.graph;

import io.igrelay.avro.CommentAction;
import io.igrelay.avro.CommentActionKind;
import io.igrelay.avro.DispatchCommand;
import io.igrelay.avro.Flavour;
import io.igrelay.schemas.config.MetaSettings;
import io.igrelay.schemas.config.Secret;
import io.igrelay.schemas.contract.AppSecretProof;
import io.igrelay.schemas.contract.HubErrorCode;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/*
 * Addresses a command's bodies to the channel's flavour (contract §6.3): Instagram Login posts to
 * GRAPH_INSTAGRAM_URL/{version}/{igAccountId}/messages with a Bearer token; Facebook Login posts to
 * GRAPH_FACEBOOK_URL/{version}/me/messages with the Page token and appsecret_proof in the query. Public replies and
 * moderation go to the comment's own node on the same host with the same credentials (CommentCalls).
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
    public List<GraphRequest> calls(DispatchCommand command, Flavour flavour, String token) {
        CommentAction comment = command.getComment();
        if (comment != null && comment.getAction() != CommentActionKind.PRIVATE_REPLY) {
            return List.of(commentCall(command, flavour, token, CommentCalls.target(command)));
        }
        List<JsonObject> json = bodies.bodies(command, flavour);
        return json.stream().map(body -> call(command, flavour, token, body.encode())).toList();
    }

    private GraphRequest call(DispatchCommand command, Flavour flavour, String token, String body) {
        if (flavour == Flavour.INSTAGRAM_LOGIN) {
            URI uri = instagramUris.computeIfAbsent(command.getIgAccountId(), account -> URI.create(
                    meta.graphInstagramUrl() + "/" + meta.graphApiVersion() + "/" + encode(account) + "/messages"));
            return new GraphRequest(uri, Optional.of(token), body, command.getIgAccountId());
        }
        // a message that fails inside the hub carries INTERNAL_ERROR on its status (docs/contract.md §5, §8)
        Secret appSecret = meta.metaAppSecret().orElseThrow(() -> new UnsendableCommandException(
                HubErrorCode.INTERNAL_ERROR, "META_APP_SECRET is not configured, Facebook Login channels cannot send"));
        URI uri = URI.create(meta.graphFacebookUrl() + "/" + meta.graphApiVersion() + "/me/messages"
                + "?access_token=" + encode(token) + "&appsecret_proof=" + AppSecretProof.of(appSecret, token));
        return new GraphRequest(uri, Optional.empty(), body, command.getIgAccountId());
    }

    /** A call on the comment's own node: the query carries the parameters (and, on Facebook Login, the token). */
    private GraphRequest commentCall(DispatchCommand command, Flavour flavour, String token,
                                  CommentCalls.Target target) {
        String query = target.query();
        if (flavour == Flavour.INSTAGRAM_LOGIN) {
            URI uri = URI.create(meta.graphInstagramUrl() + "/" + meta.graphApiVersion() + target.path()
                    + (query.isEmpty() ? "" : "?" + query));
            return new GraphRequest(uri, Optional.of(token), "", command.getIgAccountId(), target.method());
        }
        Secret appSecret = meta.metaAppSecret().orElseThrow(() -> new UnsendableCommandException(HubErrorCode.INTERNAL_ERROR,
                "META_APP_SECRET is not configured, Facebook Login channels cannot call the Graph API"));
        String auth = "access_token=" + encode(token) + "&appsecret_proof=" + AppSecretProof.of(appSecret, token);
        URI uri = URI.create(meta.graphFacebookUrl() + "/" + meta.graphApiVersion() + target.path() + "?"
                + (query.isEmpty() ? auth : query + "&" + auth));
        return new GraphRequest(uri, Optional.empty(), "", command.getIgAccountId(), target.method());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
