package io.igrelay.ingress.appwebhooks;

import io.igrelay.ingress.api.ApiError;
import io.igrelay.schemas.contract.HubErrorCode;

/*
 * A refusal of the webhook API with its HTTP status and the hub's errorCode; the hub API's one failure handler turns
 * it into the contract's error JSON, like every other refusal on /v1. Messages name the offending field and never
 * echo secrets.
 */
public final class HookError extends ApiError {

    public HookError(int status, HubErrorCode errorCode, String message) {
        super(status, errorCode, message);
    }

    public static HookError invalid(String message) {
        return new HookError(400, HubErrorCode.INVALID_PAYLOAD, message);
    }

    public static HookError notFound() {
        return new HookError(404, HubErrorCode.INVALID_PAYLOAD, "webhook not found");
    }
}
