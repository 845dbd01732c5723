package io.igrelay.ingress.metagraph;

/**
 * A Graph or OAuth call that Meta answered with an error (or did not answer): the HTTP status, Meta's error
 * {@code code} (0 when absent) and its message. The refresher tells an invalid token (190) from a passing failure.
 */
public final class MetaCallException extends RuntimeException {

    private final int httpStatus;
    private final int code;

    public MetaCallException(int httpStatus, int code, String message) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.code = code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int code() {
        return code;
    }

    /** Meta's "this token is no good" (expired, revoked, unknown). */
    public boolean invalidToken() {
        return code == 190 || code == 102 || code == 463 || code == 467;
    }

    /** Worth trying again later: network, timeouts, 5xx, Meta's transient codes. */
    public boolean transientFailure() {
        return httpStatus <= 0 || httpStatus >= 500 || code == 1 || code == 2 || code == 4 || code == 17
                || code == 32 || code == 613;
    }
}
