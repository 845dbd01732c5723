package io.igrelay.sandbox.fault;

/**
 * What one Send API call suffers: a delay, and then either its normal answer, an HTTP 503, a transient Meta error
 * with the given code, a Meta error chosen by the script (code), or no answer at all.
 */
public record FaultDecision(int delayMs, Action action, int code) {
    public enum Action { NONE, HTTP_503, META_ERROR, TIMEOUT }

    public static final FaultDecision CLEAN = new FaultDecision(0, Action.NONE, 0);
}
