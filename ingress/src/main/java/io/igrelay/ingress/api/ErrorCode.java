package io.igrelay.ingress.api;

/** The hub API's error codes (SPEC section 5), exactly as they appear in {@code errorCode}. */
public enum ErrorCode {
    INVALID_PAYLOAD,
    TEXT_TOO_LONG,
    UNSUPPORTED_CONTENT,
    UNAUTHORIZED,
    CHANNEL_NOT_FOUND,
    MESSAGE_NOT_FOUND,
    CHANNEL_DISCONNECTED,
    REAUTH_REQUIRED,
    NO_CONVERSATION,
    WINDOW_CLOSED,
    RATE_LIMITED,
    META_ERROR,
    INTERNAL
}
