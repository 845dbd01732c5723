package io.igrelay.ingress.api;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * A refusal the hub API answers with: HTTP status, SPEC error code and a message that names the field or reason.
 * Handlers fail the routing context with it and {@link ApiErrorHandler} writes the one error JSON shape; the message
 * never carries message text, keys or tokens.
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final ErrorCode code;
    private final Optional<Long> retryAfterSeconds;

    public ApiError(int status, ErrorCode code, String message) {
        this(status, code, message, Optional.empty());
    }

    private ApiError(int status, ErrorCode code, String message, Optional<Long> retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiError invalid(String message) {
        return new ApiError(400, ErrorCode.INVALID_PAYLOAD, message);
    }

    public static ApiError unauthorized() {
        return new ApiError(401, ErrorCode.UNAUTHORIZED, "missing or invalid x-api-key");
    }

    public static ApiError rateLimited(int perSecond, long retryAfterSeconds) {
        return new ApiError(429, ErrorCode.RATE_LIMITED, "rate limit of " + perSecond + " requests/s exceeded",
                Optional.of(retryAfterSeconds));
    }

    public static ApiError unavailable(String message) {
        return new ApiError(503, ErrorCode.INTERNAL, message);
    }

    public int status() {
        return status;
    }

    public ErrorCode code() {
        return code;
    }

    public Optional<Long> retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** {@code {"messageId": null, "status": "error", "errorCode", "errorMessage"}}. */
    public JsonObject toJson() {
        return new JsonObject()
                .putNull("messageId")
                .put("status", "error")
                .put("errorCode", code.name())
                .put("errorMessage", getMessage());
    }
}
