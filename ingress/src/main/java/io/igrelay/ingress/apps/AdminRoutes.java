package io.igrelay.ingress.apps;

import io.igrelay.schemas.contract.HubErrorCode;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.Optional;

/**
 * The operator's way to create Applications and rotate their keys, mounted on the management port
 * and answering only callers on the loopback interface that present ADMIN_TOKEN (see {@link AdminGuard}):
 * {@code curl -H "Authorization: Bearer $ADMIN_TOKEN" localhost:8083/admin/applications}. The new key
 * is in the response body once and nowhere else (never logged).
 */
public final class AdminRoutes {

    private static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);

    private final ApplicationAdmin admin;
    private final ApplicationView view;
    private final AdminGuard guard;

    public AdminRoutes(ApplicationAdmin admin, ApplicationView view, AdminGuard guard) {
        this.admin = admin;
        this.view = view;
        this.guard = guard;
    }

    public void mount(Router router) {
        router.route("/admin/*").handler(guard::handle);
        // small JSON bodies everywhere but the deletion-list import, which reads its own (larger) body
        router.routeWithRegex("^/admin/(?!deletions/import$).*").handler(BodyHandler.create(false)
                .setBodyLimit(16_384));
        router.get("/admin/applications").handler(this::handleList);
        router.post("/admin/applications").handler(this::handleCreate);
        router.post("/admin/applications/:applicationId/keys").handler(this::handleRotate);
    }

    private void handleList(RoutingContext ctx) {
        var data = view.all().stream().map(app -> new JsonObject()
                .put("applicationId", app.getApplicationId())
                .put("name", app.getName())
                .put("keyIds", app.getApiKeys().stream().map(k -> k.getKeyId()).toList())
                .put("humanAgentAllowed", app.getHumanAgentAllowed())).toList();
        ctx.json(new JsonObject().put("data", data));
    }

    private void handleCreate(RoutingContext ctx) {
        JsonObject body = Optional.ofNullable(ctx.body().asJsonObject()).orElse(new JsonObject());
        String name = body.getString("name");
        if (name == null || name.isBlank() || name.length() > 200) {
            badRequest(ctx, "name is required (1-200 characters)");
            return;
        }
        admin.create(name, body.getBoolean("humanAgentAllowed", false),
                        Optional.ofNullable(body.getInteger("rateLimitPerSecond")))
                .onSuccess(issued -> ctx.response().setStatusCode(201).putHeader("content-type", "application/json")
                        .end(toJson(issued).encode()))
                .onFailure(ctx::fail);
    }

    private void handleRotate(RoutingContext ctx) {
        JsonObject body = Optional.ofNullable(ctx.body().asJsonObject()).orElse(new JsonObject());
        long overlapSeconds = body.getLong("overlapSeconds", DEFAULT_OVERLAP.toSeconds());
        String applicationId = ctx.pathParam("applicationId");
        if (view.byId(applicationId).isEmpty()) {
            ctx.response().setStatusCode(404).end(new JsonObject().put("errorCode", HubErrorCode.NOT_FOUND.name())
                    .put("errorMessage", "no application " + applicationId).encode());
            return;
        }
        admin.rotate(applicationId, Duration.ofSeconds(Math.max(0, overlapSeconds)))
                .onSuccess(issued -> ctx.json(toJson(issued)))
                .onFailure(ctx::fail);
    }

    private static JsonObject toJson(IssuedKey issued) {
        JsonObject json = new JsonObject()
                .put("applicationId", issued.applicationId())
                .put("name", issued.name())
                .put("keyId", issued.credentials().keyId())
                .put("apiKey", issued.apiKey());
        issued.previousKeysExpireAt().ifPresent(at -> json.put("previousKeysExpireAt", at.toString()));
        return json;
    }

    private static void badRequest(RoutingContext ctx, String message) {
        ctx.response().setStatusCode(400).putHeader("content-type", "application/json")
                .end(new JsonObject().put("errorCode", HubErrorCode.INVALID_PAYLOAD.name()).put("errorMessage",
                        message).encode());
    }
}
