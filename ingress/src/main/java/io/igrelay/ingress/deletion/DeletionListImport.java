package io.igrelay.ingress.deletion;

import io.igrelay.avro.DeletionRequest;
import io.igrelay.avro.DeletionSubject;
import io.igrelay.avro.SigningApp;
import io.igrelay.ingress.meta.AppSecret;
import io.igrelay.schemas.contract.Hmac;
import io.igrelay.schemas.contract.HubErrorCode;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /admin/deletions/import?app=facebook|instagram} on the management port: the operator uploads the list
 * of user ids Meta asked the app to delete, and one DeletionRequest per id goes to ig.deletions, as a data-deletion
 * callback would have sent it (https://developers.facebook.com/docs/development/create-an-app/app-dashboard/
 * data-deletion-callback). Idempotent: an id's confirmation code is derived from the app secret, app id and user id
 * (unguessable without the secret, the same on every import), so an id already requested is reported and not sent
 * again. The answer lists each id with its code and status URL.
 */
public final class DeletionListImport {

    public static final String PATH = "/admin/deletions/import";
    /** The largest list taken in one upload: about 200,000 ids of Meta's CSV (split a longer list). */
    static final int MAX_FILE_BYTES = 4 * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(DeletionListImport.class);

    private final List<AppSecret> apps;
    private final MetaCallbackRoutes.Sink sink;
    private final DeletionStatusView statuses;
    private final String statusBaseUrl;
    private final Clock clock;
    private final MeterRegistry registry;

    public DeletionListImport(List<AppSecret> apps, MetaCallbackRoutes.Sink sink, DeletionStatusView statuses,
                              String statusBaseUrl, Clock clock, MeterRegistry registry) {
        this.apps = List.copyOf(apps);
        this.sink = sink;
        this.statuses = statuses;
        this.statusBaseUrl = statusBaseUrl;
        this.clock = clock;
        this.registry = registry;
    }

    /** On the management router, after its /admin/* guard (loopback only) and body handler. */
    public void mount(Router router) {
        router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(MAX_FILE_BYTES)).handler(this::handleImport);
    }

    private void handleImport(RoutingContext ctx) {
        Optional<AppSecret> app = app(ctx.request().getParam("app"));
        if (app.isEmpty()) {
            badRequest(ctx, "app must be facebook or instagram, and that app must be configured");
            return;
        }
        DeletionIdList list = DeletionIdList.parse(ctx.body().asString());
        if (list.ids().isEmpty()) {
            badRequest(ctx, "the file names no user id (one numeric id per line, CSV or a JSON array)");
            return;
        }
        List<CompletableFuture<JsonObject>> results = new ArrayList<>();
        for (String userId : list.ids()) {
            results.add(request(app.get(), userId));
        }
        Context context = Vertx.currentContext();
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).whenComplete((ok, error) ->
                context.runOnContext(v -> answer(ctx, list, results, error)));
    }

    private CompletableFuture<JsonObject> request(AppSecret app, String userId) {
        String code = confirmationCode(app, userId);
        JsonObject result = new JsonObject().put("userId", userId).put("confirmationCode", code)
                .put("url", statusBaseUrl + "/" + code);
        if (statuses.byCode(code).isPresent()) {
            return CompletableFuture.completedFuture(result.put("status", "already_requested"));
        }
        DeletionRequest deletion = DeletionRequest.newBuilder().setConfirmationCode(code)
                .setSubjectType(DeletionSubject.APP_SCOPED_USER).setSubjectId(userId)
                .setAppId(app.appId().isEmpty() ? null : app.appId()).setRequestedAt(clock.instant()).build();
        CompletableFuture<JsonObject> done = new CompletableFuture<>();
        try {
            sink.producer().send(new ProducerRecord<>(sink.deletionTopic(), code.getBytes(StandardCharsets.UTF_8),
                    sink.deletions().serialize(sink.deletionTopic(), deletion)), (metadata, error) -> {
                        if (error == null) {
                            statuses.received(deletion);
                            done.complete(result.put("status", "requested"));
                        } else {
                            done.completeExceptionally(error);
                        }
                    });
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    private void answer(RoutingContext ctx, DeletionIdList list, List<CompletableFuture<JsonObject>> results,
                        Throwable error) {
        if (error != null) {
            LOG.warn("deletion list import could not be written to Kafka: {}", error.toString());
            ctx.response().setStatusCode(503).putHeader("retry-after", "30");
            ctx.json(new JsonObject().put("errorCode", HubErrorCode.INTERNAL.name())
                    .put("errorMessage", "Kafka is unavailable; import the same file again later (it is idempotent)"));
            return;
        }
        JsonArray deletions = new JsonArray();
        results.forEach(r -> deletions.add(r.join()));
        long requested = deletions.stream().filter(d -> "requested".equals(((JsonObject) d).getString("status")))
                .count();
        registry.counter("igrelay_ingress_deletion_imports", "status", "requested").increment(requested);
        LOG.info("deletion list import: {} id(s), {} newly requested", list.ids().size(), requested);
        ctx.json(new JsonObject().put("ids", list.ids().size()).put("requested", requested)
                .put("alreadyRequested", list.ids().size() - requested)
                .put("skippedLines", new JsonArray(list.skipped())).put("deletions", deletions));
    }

    private Optional<AppSecret> app(String name) {
        SigningApp wanted = "instagram".equalsIgnoreCase(name) ? SigningApp.INSTAGRAM_APP
                : name == null || "facebook".equalsIgnoreCase(name) ? SigningApp.META_APP : null;
        return apps.stream().filter(a -> a.app() == wanted).findFirst();
    }

    /** 128 bits of HMAC-SHA256(app secret, "deletion-import:" appId ":" userId), as ConfirmationCode's shape. */
    static String confirmationCode(AppSecret app, String userId) {
        byte[] digest = Hmac.sha256(app.secret(), ("deletion-import:" + app.appId() + ":" + userId)
                .getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    private static void badRequest(RoutingContext ctx, String message) {
        ctx.response().setStatusCode(400);
        ctx.json(new JsonObject().put("errorCode", HubErrorCode.INVALID_PAYLOAD.name()).put("errorMessage", message));
    }
}
