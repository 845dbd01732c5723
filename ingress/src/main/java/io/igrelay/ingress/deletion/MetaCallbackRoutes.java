package io.igrelay.ingress.deletion;

import io.igrelay.avro.Channel;
import io.igrelay.avro.ChannelEvent;
import io.igrelay.avro.ChannelEventType;
import io.igrelay.avro.ChannelStatus;
import io.igrelay.avro.DeletionRequest;
import io.igrelay.avro.DeletionSubject;
import io.igrelay.ingress.channels.ChannelRegistryView;
import io.igrelay.ingress.meta.SignedRequest;
import io.igrelay.ingress.meta.SignedRequestException;
import io.igrelay.ingress.meta.SignedRequestVerifier;
import io.igrelay.schemas.contract.HubErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Meta's data-deletion and deauthorize callbacks and the deletion status page. Both callbacks verify the
 * signed_request's signature first (400 and nothing written otherwise; a late one is accepted and logged); deletion
 * answers Meta's {url, confirmation_code}
 * once its DeletionRequest is acknowledged on ig.deletions; deauthorize publishes a DISCONNECTED ChannelEvent for
 * each channel the user connected, and the processor destroys their tokens as it folds them.
 */
public final class MetaCallbackRoutes {

    public static final String DELETION_PATH = "/meta/data-deletion";
    public static final String DEAUTHORIZE_PATH = "/meta/deauthorize";
    private static final int MAX_FORM_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(MetaCallbackRoutes.class);

    /** Where the callbacks write: topics, serializers and the shared producer. */
    public record Sink(Producer<byte[], byte[]> producer, String deletionTopic, Serializer<DeletionRequest> deletions,
                       String channelEventTopic, Serializer<ChannelEvent> channelEvents) {
    }

    private final SignedRequestVerifier verifier;
    private final Sink sink;
    private final DeletionStatusView statuses;
    private final ChannelRegistryView channels;
    private final URI publicBaseUrl;
    private final Clock clock;
    private final MeterRegistry registry;

    public MetaCallbackRoutes(SignedRequestVerifier verifier, Sink sink, DeletionStatusView statuses,
                              ChannelRegistryView channels, URI publicBaseUrl, Clock clock, MeterRegistry registry) {
        this.verifier = verifier;
        this.sink = sink;
        this.statuses = statuses;
        this.channels = channels;
        this.publicBaseUrl = publicBaseUrl;
        this.clock = clock;
        this.registry = registry;
    }

    public void mount(Router router) {
        BodyHandler form = BodyHandler.create(false).setBodyLimit(MAX_FORM_BYTES);
        router.post(DELETION_PATH).handler(form).handler(this::handleDeletion);
        router.post(DEAUTHORIZE_PATH).handler(form).handler(this::handleDeauthorize);
        router.get(DELETION_PATH + "/:code").handler(this::handleStatus);
    }

    private void handleDeletion(RoutingContext ctx) {
        SignedRequest request = verified(ctx, "data_deletion");
        if (request == null) {
            return;
        }
        String code = ConfirmationCode.next();
        DeletionRequest deletion = DeletionRequest.newBuilder()
                .setConfirmationCode(code)
                .setSubjectType(DeletionSubject.APP_SCOPED_USER)
                .setSubjectId(request.userId())
                .setAppId(request.app().appId().isEmpty() ? null : request.app().appId())
                .setRequestedAt(clock.instant())
                .build();
        Context context = Vertx.currentContext();
        send(sink.deletionTopic(), code, sink.deletions().serialize(sink.deletionTopic(), deletion))
                .whenComplete((ok, error) -> context.runOnContext(v -> {
                    if (error != null) {
                        unavailable(ctx, "data_deletion", error);
                        return;
                    }
                    statuses.received(deletion);
                    count("data_deletion", "accepted");
                    ctx.json(new JsonObject().put("url", publicBaseUrl + DELETION_PATH + "/" + code)
                            .put("confirmation_code", code));
                }));
    }

    private void handleDeauthorize(RoutingContext ctx) {
        SignedRequest request = verified(ctx, "deauthorize");
        if (request == null) {
            return;
        }
        List<Channel> connected = channels.byAppScopedUser(request.userId(), request.app().appId()).stream()
                .filter(c -> c.getStatus() != ChannelStatus.DISCONNECTED).toList();
        CompletableFuture<?>[] sends = connected.stream().map(channel -> {
            ChannelEvent event = ChannelEvent.newBuilder()
                    .setEventId(UUID.randomUUID().toString())
                    .setChannelId(channel.getChannelId())
                    .setType(ChannelEventType.DISCONNECTED)
                    .setAppScopedUserId(request.userId())
                    .setAppId(channel.getAppId())
                    .setIgUserId(channel.getIgUserId())
                    .setReason("deauthorized in Meta by the connecting user")
                    .setAt(clock.instant())
                    .build();
            return send(sink.channelEventTopic(), channel.getChannelId(),
                    sink.channelEvents().serialize(sink.channelEventTopic(), event));
        }).toArray(CompletableFuture[]::new);
        Context context = Vertx.currentContext();
        CompletableFuture.allOf(sends).whenComplete((ok, error) -> context.runOnContext(v -> {
            if (error != null) {
                unavailable(ctx, "deauthorize", error);
                return;
            }
            count("deauthorize", "accepted");
            LOG.info("deauthorize: {} channel(s) disconnected", connected.size());
            ctx.json(new JsonObject().put("disconnected", connected.size()));
        }));
    }

    private void handleStatus(RoutingContext ctx) {
        String code = ctx.pathParam("code");
        boolean json = wantsJson(ctx);
        var status = ConfirmationCode.isWellFormed(code) ? statuses.byCode(code) : java.util.Optional.<
                io.igrelay.avro.DeletionStatus>empty();
        if (status.isEmpty()) {
            ctx.response().setStatusCode(404);
            if (json) {
                ctx.json(new JsonObject().put("errorCode", HubErrorCode.NOT_FOUND.name())
                        .put("errorMessage", "no deletion request has this confirmation code"));
            } else {
                ctx.response().putHeader("content-type", "text/html; charset=utf-8")
                        .end(DeletionStatusPage.notFoundHtml());
            }
            return;
        }
        if (json) {
            ctx.json(DeletionStatusPage.json(status.get()));
        } else {
            ctx.response().putHeader("content-type", "text/html; charset=utf-8")
                    .end(DeletionStatusPage.html(status.get()));
        }
    }

    /** The verified request (its age logged when it came late), or null after answering 400 with the reason. */
    private SignedRequest verified(RoutingContext ctx, String callback) {
        try {
            SignedRequest request = verifier.verify(ctx.request().getFormAttribute("signed_request"));
            if (verifier.late(request)) {
                LOG.info("{} callback accepted although issued {} ago", callback,
                        request.age().map(Duration::toString).orElse("at an unknown time (no issued_at)"));
            }
            return request;
        } catch (SignedRequestException e) {
            count(callback, "rejected");
            ctx.response().setStatusCode(400);
            ctx.json(new JsonObject().put("errorCode", HubErrorCode.INVALID_PAYLOAD.name()).put("errorMessage",
                    e.getMessage()));
            return null;
        }
    }

    private CompletableFuture<Void> send(String topic, String key, byte[] value) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            sink.producer().send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value),
                    (metadata, error) -> {
                        if (error == null) {
                            done.complete(null);
                        } else {
                            done.completeExceptionally(error);
                        }
                    });
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    private void unavailable(RoutingContext ctx, String callback, Throwable error) {
        count(callback, "unavailable");
        LOG.warn("{} callback could not be written to Kafka: {}", callback, error.toString());
        ctx.response().setStatusCode(503).putHeader("retry-after", "30");
        ctx.json(new JsonObject().put("errorCode", HubErrorCode.INTERNAL.name()).put("errorMessage",
                "Kafka is unavailable, retry later"));
    }

    private static boolean wantsJson(RoutingContext ctx) {
        String accept = ctx.request().getHeader("accept");
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("application/json");
    }

    private void count(String callback, String outcome) {
        Counter.builder("igrelay_ingress_meta_callbacks").tag("callback", callback).tag("outcome", outcome)
                .register(registry).increment();
    }
}
