package io.igrelay.sandbox.send;

import io.igrelay.sandbox.state.Conversation;
import io.igrelay.sandbox.wire.GraphErrorBody;
import java.util.Optional;

/**
 * Meta's messaging-window rule for one send: the user must have written; inside the standard window anything
 * goes; after it and before 7 days only a message with the HUMAN_AGENT tag (never a sender action); after that
 * nothing. Boundaries are strict: at exactly 24 h (or 7 days) the window is closed.
 */
public final class WindowPolicy {
    private final boolean humanAgentFeature;

    public WindowPolicy(boolean humanAgentFeature) {
        this.humanAgentFeature = humanAgentFeature;
    }

    public Optional<GraphErrorBody> check(Optional<Conversation> thread, SendRequest req, long now,
            boolean instagramHost) {
        if (req.humanAgent() && !humanAgentFeature) {
            return Optional.of(GraphErrorBody.permission("Application does not have the capability to make this API "
                    + "call. The HUMAN_AGENT tag requires the Human Agent feature."));
        }
        if (thread.isEmpty() || !thread.get().everWrote()) {
            return Optional.of(GraphErrorBody.outsideWindow(instagramHost));
        }
        Conversation c = thread.get();
        if (now < c.responseUntil()) {
            return Optional.empty();
        }
        if (req.isMessage() && req.humanAgent() && now < c.humanAgentUntil()) {
            return Optional.empty();
        }
        return Optional.of(GraphErrorBody.outsideWindow(instagramHost));
    }
}
