package io.igrelay.schemas.contract;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every {@code errorCode} the hub answers or records (docs/contract.md §5), spelled once. {@link Scope#API} codes are
 * the hub API's error answers ({@code ErrorResponse.errorCode} in docs/openapi.yaml; the API's own failures are
 * {@code INTERNAL}); {@link Scope#STATUS} codes only appear on a failed message's status (§6.3, §8: a dispatch that
 * failed inside the hub is {@code INTERNAL_ERROR}); {@link Scope#OPERATOR} codes answer the operator and Meta callback
 * endpoints outside the hub API. A rejected or failed message carries API codes too (the gate's and Meta's refusals).
 */
public enum HubErrorCode {
    INVALID_PAYLOAD(Scope.API),
    TEXT_TOO_LONG(Scope.API),
    UNSUPPORTED_CONTENT(Scope.API),
    UNAUTHORIZED(Scope.API),
    CHANNEL_NOT_FOUND(Scope.API),
    MESSAGE_NOT_FOUND(Scope.API),
    CHANNEL_DISCONNECTED(Scope.API),
    REAUTH_REQUIRED(Scope.API),
    NO_CONVERSATION(Scope.API),
    WINDOW_CLOSED(Scope.API),
    RATE_LIMITED(Scope.API),
    META_ERROR(Scope.API),
    INTERNAL(Scope.API),
    /** The comment is unknown to the hub, or not on the channel's media, or not by the named user. */
    COMMENT_NOT_FOUND(Scope.API),
    /** The comment already has its one private reply. */
    PRIVATE_REPLY_USED(Scope.API),
    /** The comment is older than the 7 days a private reply is possible for. */
    PRIVATE_REPLY_EXPIRED(Scope.API),
    /** Meta restricted the sending account (§6.3). */
    ACCOUNT_RESTRICTED(Scope.STATUS),
    /** A dispatch command failed inside the hub (dead-lettered after its retries, or unsendable as configured). */
    INTERNAL_ERROR(Scope.STATUS),
    /** An operator endpoint refused a caller that authenticated but may not act. */
    FORBIDDEN(Scope.OPERATOR),
    /** An operator or Meta callback endpoint does not know the thing asked for. */
    NOT_FOUND(Scope.OPERATOR);

    /** Where a code may appear. */
    public enum Scope { API, STATUS, OPERATOR }

    private final Scope scope;

    HubErrorCode(Scope scope) {
        this.scope = scope;
    }

    public Scope scope() {
        return scope;
    }

    /** The code spelled {@code name}, or empty for a string that is none of the hub's codes. */
    public static Optional<HubErrorCode> parse(String name) {
        return Arrays.stream(values()).filter(c -> c.name().equals(name)).findFirst();
    }
}
