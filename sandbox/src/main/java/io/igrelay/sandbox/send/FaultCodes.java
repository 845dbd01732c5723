package io.igrelay.sandbox.send;

import io.igrelay.sandbox.wire.MetaError;

/**
 * Maps an injected Meta error code (from a fault plan or script) to the error body Meta answers with, using the
 * fixture shapes: transient 1/2/1200, rate limits 4/613, token 190/463, window 10/2534022, user 100/2018001,
 * unavailable 551, attachment too large 2018109.
 */
final class FaultCodes {
    private FaultCodes() {
    }

    static MetaError error(int code, boolean instagramHost) {
        return switch (code) {
            case 4 -> MetaError.rateLimit4();
            case 613 -> MetaError.rateLimit613();
            case 190 -> new MetaError(400, "Error validating access token: Session has expired.",
                    MetaError.OAUTH, 190, 463, false);
            case 10 -> MetaError.outsideWindow(instagramHost);
            case 100 -> MetaError.noMatchingUser();
            case 551 -> MetaError.userUnavailable();
            case 2018109 -> new MetaError(400, "(#100) Attachment size exceeds allowable limit", MetaError.OAUTH,
                    100, 2018109, false);
            default -> MetaError.transientError(code);
        };
    }
}
