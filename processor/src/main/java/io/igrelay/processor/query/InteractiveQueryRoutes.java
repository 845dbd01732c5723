package io.igrelay.processor.query;

import io.igrelay.avro.ConversationWindow;
import io.igrelay.processor.ProcessorStores;
import io.igrelay.processor.comments.CommentFacts;
import io.igrelay.processor.outbound.WindowCheck;
import io.igrelay.processor.status.StatusView;
import io.igrelay.processor.windows.WindowMath;
import io.igrelay.schemas.contract.HubErrorCode;
import io.igrelay.schemas.contract.WindowVerdict;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * GET /windows/{igsid}, GET /status/{messageId} and GET /comments/{igsid}/{commentId} (contract §5.4), so several
 * processor instances behave as one: Streams metadata names the instance that owns the key; this one answers from
 * its store or forwards once (a forwarded request is never forwarded again). The active host answers only from a RUNNING task of the key's own
 * partition (a restoring one could wrongly say 404), then standbys may answer stale, else 503 with Retry-After.
 */
public final class InteractiveQueryRoutes {

    static final String FORWARDED = "x-igrelay-forwarded";

    private final KafkaStreams streams;
    private final HostInfo self;
    private final WebClient client;
    private final WindowMath math;
    private final Clock clock;

    public InteractiveQueryRoutes(KafkaStreams streams, HostInfo self, WebClient client, WindowMath math,
                                  Clock clock) {
        this.streams = streams;
        this.self = self;
        this.client = client;
        this.math = math;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get("/windows/:igsid").handler(ctx -> {
            Optional<WindowVerdict.Request> request = verdictRequest(ctx);
            answer(ctx, "windows", ProcessorStores.WINDOWS, ctx.pathParam("igsid"), HubErrorCode.NO_CONVERSATION.name(),
                    (ConversationWindow w) -> window(w, request, clock.instant()));
        });
        router.get("/status/:messageId").handler(ctx -> answer(ctx, "status", ProcessorStores.STATUS_BY_ID,
                ctx.pathParam("messageId"), HubErrorCode.MESSAGE_NOT_FOUND.name(),
                        (StatusView s) -> QueryJson.status(s)));
        // a comment lives on its author's partition: the IGSID finds the owner, the comment id the row
        router.get("/comments/:igsid/:commentId").handler(ctx -> answer(ctx,
                "comments/" + URLEncoder.encode(ctx.pathParam("igsid"), StandardCharsets.UTF_8),
                ProcessorStores.COMMENTS, ctx.pathParam("igsid"), ctx.pathParam("commentId"),
                HubErrorCode.COMMENT_NOT_FOUND.name(),
                (CommentFacts c) -> QueryJson.comment(c, ctx.pathParam("igsid"), clock.instant())));
    }

    /**
     * The window, and when the caller passed a send's flags ({@code senderAction}, {@code humanAgent},
     * {@code humanAgentAllowed}), the gate's own verdict for that send under this deployment's rules.
     */
    private JsonObject window(ConversationWindow w, Optional<WindowVerdict.Request> request, Instant now) {
        if (!math.contacted(w, now)) {
            return null;
        }
        JsonObject json = QueryJson.window(w, math, now);
        request.ifPresent(r -> json.put("verdict", QueryJson.verdict(WindowCheck.decide(math, w, null, r, now))));
        return json;
    }

    private static Optional<WindowVerdict.Request> verdictRequest(RoutingContext ctx) {
        String senderAction = ctx.queryParams().get("senderAction");
        if (senderAction == null) {
            return Optional.empty();
        }
        return Optional.of(new WindowVerdict.Request(Boolean.parseBoolean(senderAction),
                Boolean.parseBoolean(ctx.queryParams().get("humanAgent")),
                Boolean.parseBoolean(ctx.queryParams().get("humanAgentAllowed"))));
    }

    private <V> void answer(RoutingContext ctx, String path, String store, String key, String notFound,
                            Function<V, JsonObject> render) {
        answer(ctx, path, store, key, key, notFound, render);
    }

    /** {@code partitionKey} finds the partition (and the instance) that holds {@code key} in {@code store}. */
    private <V> void answer(RoutingContext ctx, String path, String store, String partitionKey, String key,
                            String notFound, Function<V, JsonObject> render) {
        ctx.put("notFound", notFound);
        KeyQueryMetadata owner;
        try {
            owner = streams.queryMetadataForKey(store, partitionKey, new StringSerializer());
        } catch (RuntimeException e) {
            unavailable(ctx);
            return;
        }
        boolean forwarded = ctx.request().getHeader(FORWARDED) != null;
        List<HostInfo> candidates = new ArrayList<>();
        if (owner != null && owner != KeyQueryMetadata.NOT_AVAILABLE) {
            candidates.add(owner.activeHost());
            candidates.addAll(owner.standbyHosts());
        }
        if (forwarded || candidates.isEmpty()) {
            candidates = List.of(self);
        }
        ctx.put("partition", owner == null || owner == KeyQueryMetadata.NOT_AVAILABLE ? -1 : owner.partition());
        tryHosts(ctx, path, store, key, render, candidates, 0, forwarded);
    }

    private <V> void tryHosts(RoutingContext ctx, String path, String store, String key,
                              Function<V, JsonObject> render, List<HostInfo> hosts, int index, boolean forwarded) {
        if (index >= hosts.size()) {
            unavailable(ctx);
            return;
        }
        HostInfo host = hosts.get(index);
        if (host.equals(self)) {
            Optional<Optional<JsonObject>> local = local(store, key, render, ctx.get("partition"), index > 0);
            if (local.isPresent()) {
                reply(ctx, local.get());
            } else {
                tryHosts(ctx, path, store, key, render, hosts, index + 1, forwarded);
            }
            return;
        }
        forward(host, path, key, ctx.request().query()).onSuccess(response -> {
            if (response.statusCode() == 200 || response.statusCode() == 404) {
                ctx.response().setStatusCode(response.statusCode()).putHeader("content-type", "application/json")
                        .end(response.bodyAsBuffer() == null ? io.vertx.core.buffer.Buffer.buffer()
                                : response.bodyAsBuffer());
            } else {
                tryHosts(ctx, path, store, key, render, hosts, index + 1, forwarded);
            }
        }).onFailure(e -> tryHosts(ctx, path, store, key, render, hosts, index + 1, forwarded));
    }

    /**
     * Empty when this instance does not hold the key's partition right now (so a rebalance never yields a wrong
     * 404); otherwise the JSON, or an empty Optional inside for "not found".
     */
    private <V> Optional<Optional<JsonObject>> local(String store, String key, Function<V, JsonObject> render,
                                                     int partition, boolean standby) {
        if (partition < 0) {
            return Optional.empty();
        }
        try {
            StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> params = StoreQueryParameters.fromNameAndType(
                    store, QueryableStoreTypes.<String, V>keyValueStore()).withPartition(partition);
            ReadOnlyKeyValueStore<String, V> view = streams.store(standby ? params.enableStaleStores() : params);
            V value = view.get(key);
            return Optional.of(Optional.ofNullable(value == null ? null : render.apply(value)));
        } catch (InvalidStateStoreException e) {
            return Optional.empty();
        }
    }

    private Future<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>> forward(HostInfo host,
                                                                                                String path, String key,
                                                                                                String query) {
        String url = "http://" + host.host() + ":" + host.port() + "/" + path + "/"
                + URLEncoder.encode(key, StandardCharsets.UTF_8) + (query == null ? "" : "?" + query);
        return client.getAbs(url).putHeader(FORWARDED, "1").timeout(2000).send();
    }

    private static void reply(RoutingContext ctx, Optional<JsonObject> json) {
        if (json.isEmpty()) {
            ctx.response().setStatusCode(404).putHeader("content-type", "application/json")
                    .end(new JsonObject().put("errorCode", (String) ctx.get("notFound"))
                            .put("errorMessage", "not found").encode());
            return;
        }
        ctx.response().setStatusCode(200).putHeader("content-type", "application/json").end(json.get().encode());
    }

    private static void unavailable(RoutingContext ctx) {
        ctx.response().setStatusCode(503).putHeader("Retry-After", "1").putHeader("content-type", "application/json")
                .end(new JsonObject().put("errorCode", HubErrorCode.INTERNAL.name())
                        .put("errorMessage", "state is being rebalanced; retry").encode());
    }
}
