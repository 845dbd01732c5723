package io.igrelay.ingress.apps;

import io.igrelay.schemas.config.Secret;
import io.igrelay.schemas.contract.HubErrorCode;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The admin API's door: a caller must be on the loopback interface and present the operator's ADMIN_TOKEN as
 * {@code Authorization: Bearer <token>} (compared in constant time). Without ADMIN_TOKEN the admin API is closed:
 * being local is not a credential, since anything that makes the hub call localhost would otherwise pass.
 */
public final class AdminGuard {

    private static final String BEARER = "Bearer ";

    private final Optional<Secret> token;

    public AdminGuard(Optional<Secret> token) {
        this.token = token;
    }

    public void handle(RoutingContext ctx) {
        if (!loopback(ctx)) {
            refuse(ctx, 403, "the admin endpoints answer only on localhost");
        } else if (token.isEmpty()) {
            refuse(ctx, 403, "the admin API is closed: start the ingress with ADMIN_TOKEN set");
        } else if (!token.get().matches(presented(ctx))) {
            refuse(ctx, 401, "Authorization: Bearer <ADMIN_TOKEN> is missing or wrong");
        } else {
            ctx.next();
        }
    }

    private static String presented(RoutingContext ctx) {
        String header = ctx.request().getHeader("authorization");
        return header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).trim() : null;
    }

    private static boolean loopback(RoutingContext ctx) {
        String host = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
        try {
            return host != null && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void refuse(RoutingContext ctx, int status, String message) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
                .end(new JsonObject().put("errorCode",
                        status == 401 ? HubErrorCode.UNAUTHORIZED.name() : HubErrorCode.FORBIDDEN.name())
                        .put("errorMessage", message).encode());
    }
}
