package io.igrelay.ingress.onboarding;

import io.igrelay.ingress.metagraph.MetaCallException;

/**
 * Why a connection attempt ended without a channel, as the page tells it. The message is written
 * for the person at the browser; it never contains a token. {@code status} is the HTTP status of that page.
 */
public final class OnboardingFailure extends RuntimeException {

    private final String title;
    private final int status;

    public OnboardingFailure(int status, String title, String message) {
        super(message, null, false, false);
        this.status = status;
        this.title = title;
    }

    public static OnboardingFailure denied() {
        return new OnboardingFailure(400, "Connection cancelled",
                "Consent was not given. No channel was connected. You can try again at any time.");
    }

    public static OnboardingFailure badState(String why) {
        return new OnboardingFailure(400, "This sign-in link is not valid",
                why + " For your safety no channel was connected. Start again from the dashboard.");
    }

    public static OnboardingFailure meta(String step, String detail) {
        return new OnboardingFailure(502, "Meta refused the connection",
                "Meta answered an error while " + step + (detail == null || detail.isBlank() ? "." : ": " + detail)
                        + " No channel was connected.");
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    /** A Meta failure as the page shows it. */
    static Throwable forPage(Throwable e, String step) {
        if (e instanceof OnboardingFailure) {
            return e;
        }
        return OnboardingFailure.meta(step, e instanceof MetaCallException m ? m.getMessage() : null);
    }
}
