package io.igrelay.ingress.appwebhooks;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.Function;

/*
 * How the webhook routes learn who is calling without owning API-key checks: the hub API's authentication handler
 * runs first (401/429 are its answers) and then names the caller's Application. Keeps io.igrelay.ingress.appwebhooks
 * independent of the api package's internals; tests pass a fixed key.
 */
public interface ApplicationAuthenticator {

    /** Authenticates and calls ctx.next(), or fails the context. */
    void handle(RoutingContext ctx);

    /** The authenticated caller's Application id, after {@link #handle} passed. */
    Optional<String> applicationId(RoutingContext ctx);

    static ApplicationAuthenticator of(Handler<RoutingContext> handler,
            Function<RoutingContext, Optional<String>> applicationId) {
        return new ApplicationAuthenticator() {
            @Override
            public void handle(RoutingContext ctx) {
                handler.handle(ctx);
            }

            @Override
            public Optional<String> applicationId(RoutingContext ctx) {
                return applicationId.apply(ctx);
            }
        };
    }
}
