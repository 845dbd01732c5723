package io.igrelay.ingress.api;

import io.igrelay.schemas.contract.HubErrorCode;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * A refusal the hub API answers with: HTTP status, contract error code and a message that names the field or reason.
 * Handlers fail the routing context with it and {@link ApiErrorHandler} writes the one error JSON shape; the message
 * never carries message text, keys or tokens. The Application-webhook module's refusals are a kind of it.
 */
public class ApiError extends RuntimeException {

    private final int status;
    private final HubErrorCode code;
    private final Optional<Long> retryAfterSeconds;

    public ApiError(int status, HubErrorCode code, String message) {
        this(status, code, message, Optional.empty());
    }

    private ApiError(int status, HubErrorCode code, String message, Optional<Long> retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiError invalid(String message) {
        return new ApiError(400, HubErrorCode.INVALID_PAYLOAD, message);
    }

    public static ApiError unauthorized() {
        return new ApiError(401, HubErrorCode.UNAUTHORIZED, "missing or invalid x-api-key");
    }

    public static ApiError rateLimited(int perSecond, long retryAfterSeconds) {
        return new ApiError(429, HubErrorCode.RATE_LIMITED, "rate limit of " + perSecond + " requests/s exceeded",
                Optional.of(retryAfterSeconds));
    }

    public static ApiError unavailable(String message) {
        return new ApiError(503, HubErrorCode.INTERNAL, message);
    }

    public int status() {
        return status;
    }

    public HubErrorCode code() {
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
