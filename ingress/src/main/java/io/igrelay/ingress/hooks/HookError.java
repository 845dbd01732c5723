package io.igrelay.ingress.hooks;

/*
 * A refusal of the webhook API with its HTTP status and the hub's errorCode; the routes turn it into the hub API
 * error JSON. Messages name the offending field and never echo secrets.
 */
public final class HookError extends RuntimeException {

    private final int status;
    private final String errorCode;

    public HookError(int status, String errorCode, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
    }

    public static HookError invalid(String message) {
        return new HookError(400, "INVALID_PAYLOAD", message);
    }

    public static HookError notFound() {
        return new HookError(404, "INVALID_PAYLOAD", "webhook not found");
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }
}
