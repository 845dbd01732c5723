package io.igrelay.sandbox.send;

import io.igrelay.sandbox.wire.GraphErrorBody;

/**
 * Maps an injected Meta error code (from a fault plan or script) to the error body Meta answers with, using the
 * fixture shapes: transient 1/2/1200, rate limits 4/613, token 190/463, window 10/2534022, user 100/2018001,
 * unavailable 551, attachment too large 2018109.
 */
final class FaultCodes {
    private FaultCodes() {
    }

    static GraphErrorBody error(int code, boolean instagramHost) {
        return switch (code) {
            case 4 -> GraphErrorBody.rateLimit4();
            case 613 -> GraphErrorBody.rateLimit613();
            case 190 -> new GraphErrorBody(400, "Error validating access token: Session has expired.",
                    GraphErrorBody.OAUTH, 190, 463, false);
            case 10 -> GraphErrorBody.outsideWindow(instagramHost);
            case 100 -> GraphErrorBody.noMatchingUser();
            case 551 -> GraphErrorBody.userUnavailable();
            case 2018109 -> new GraphErrorBody(400, "(#100) Attachment size exceeds allowable limit", GraphErrorBody.OAUTH,
                    100, 2018109, false);
            default -> GraphErrorBody.transientError(code);
        };
    }
}
