package io.igrelay.ingress.api;

import io.igrelay.schemas.contract.HubErrorCode;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.ValidatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure handler of the hub API: every refusal (OpenAPI validation, the content rules, auth, rate limit,
 * lookups) and every unexpected exception becomes the contract's error JSON. A stack trace is logged, never answered.
 */
public final class ApiErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrorHandler.class);

    public void handle(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        ApiError error = toApiError(ctx);
        if (error.status() >= 500 && !(ctx.failure() instanceof ApiError)) {
            LOG.error("unexpected failure on {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
        }
        error.retryAfterSeconds().ifPresent(s -> ctx.response().putHeader("Retry-After", Long.toString(s)));
        ctx.response()
                .setStatusCode(error.status())
                .putHeader("content-type", "application/json")
                .end(error.toJson().encode());
    }

    static ApiError toApiError(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof ApiError apiError) {
            return apiError;
        }
        if (failure instanceof HttpException http) {
            if (http.getCause() instanceof ValidatorException validation) {
                return SchemaErrors.toApiError(validation);
            }
            return fromStatus(http.getStatusCode(), http.getPayload());
        }
        if (failure == null) {
            return fromStatus(ctx.statusCode(), null);
        }
        return new ApiError(500, HubErrorCode.INTERNAL, "internal error");
    }

    private static ApiError fromStatus(int status, String payload) {
        return switch (status) {
            case 400 -> ApiError.invalid(payload == null ? "invalid request" : payload);
            case 401 -> ApiError.unauthorized();
            case 404 -> new ApiError(404, HubErrorCode.INVALID_PAYLOAD, "no such endpoint");
            case 405 -> new ApiError(405, HubErrorCode.INVALID_PAYLOAD, "method not allowed");
            case 413 -> new ApiError(413, HubErrorCode.INVALID_PAYLOAD, "request body too large");
            case 415 -> new ApiError(415, HubErrorCode.INVALID_PAYLOAD, "content-type must be application/json");
            default -> new ApiError(status >= 400 && status < 600 ? status : 500, HubErrorCode.INTERNAL,
                    "internal error");
        };
    }
}
