package io.igrelay.ingress.api;

import io.igrelay.ingress.apps.ApplicationView;
import io.igrelay.ingress.apps.AuthenticatedApplication;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * First handler of every hub API route: {@code x-api-key} must name a known, unexpired key of an Application
 * (401 otherwise), then the key's rate limit applies (429 with Retry-After). The caller is put on the context for the
 * handlers, which scope every lookup by its Application.
 */
public final class ApiKeyAuthHandler {

    static final String CALLER = "igrelay.caller";

    private final ApplicationView applications;
    private final ApiRateLimiter rateLimiter;
    private final int defaultRatePerSecond;
    private final Clock clock;

    public ApiKeyAuthHandler(ApplicationView applications, ApiRateLimiter rateLimiter, int defaultRatePerSecond,
                             Clock clock) {
        this.applications = applications;
        this.rateLimiter = rateLimiter;
        this.defaultRatePerSecond = defaultRatePerSecond;
        this.clock = clock;
    }

    public void handle(RoutingContext ctx) {
        String presented = ctx.request().getHeader("x-api-key");
        AuthenticatedApplication caller = applications.authenticate(presented, clock.instant()).orElse(null);
        if (caller == null) {
            ctx.fail(ApiError.unauthorized());
            return;
        }
        int perSecond = caller.rateLimitPerSecond().orElse(defaultRatePerSecond);
        ApiRateLimiter.Decision decision = rateLimiter.tryAcquire(caller.keyId(), perSecond);
        if (!decision.allowed()) {
            ctx.fail(ApiError.rateLimited(perSecond, decision.retryAfterSeconds()));
            return;
        }
        ctx.put(CALLER, caller);
        ctx.next();
    }

    /** The caller this handler put on the context, or null before it ran. */
    public static AuthenticatedApplication caller(RoutingContext ctx) {
        return ctx.get(CALLER);
    }
}
