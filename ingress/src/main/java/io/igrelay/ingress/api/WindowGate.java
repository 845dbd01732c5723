package io.igrelay.ingress.api;

import io.igrelay.ingress.api.ProcessorClient.WindowLookup;
import java.util.Optional;

/**
 * The API's fast answer to "may this be sent now?" (SPEC 5.2, 6.2), from the processor's window state: never
 * contacted → NO_CONVERSATION; CLOSED → WINDOW_CLOSED; HUMAN_AGENT_ONLY lets through only human-agent replies of an
 * Application allowed to send them, and never sender actions. When the processor cannot be asked, the request goes
 * through and the gate in the processor, which stays authoritative, decides.
 */
public final class WindowGate {

    private WindowGate() {
    }

    public static Optional<ApiError> refusal(WindowLookup lookup, String channelId, String to, boolean senderAction,
                                             boolean humanAgent, boolean humanAgentAllowed) {
        if (lookup instanceof WindowLookup.NeverContacted) {
            return Optional.of(noConversation(to));
        }
        if (!(lookup instanceof WindowLookup.Found window)) {
            return Optional.empty();
        }
        if (window.channelId().isPresent() && !window.channelId().get().equals(channelId)) {
            return Optional.of(noConversation(to));
        }
        return switch (window.state()) {
            case "OPEN" -> Optional.empty();
            case "HUMAN_AGENT_ONLY" -> {
                if (senderAction) {
                    yield closed("sender actions are allowed only inside the 24-hour window");
                }
                if (!humanAgent) {
                    yield closed("the 24-hour window is closed; only human-agent replies (humanAgent: true) are allowed");
                }
                yield humanAgentAllowed ? Optional.empty()
                        : closed("the 24-hour window is closed and this Application may not send human-agent replies");
            }
            default -> closed("the conversation window is closed");
        };
    }

    private static ApiError noConversation(String to) {
        return new ApiError(422, ErrorCode.NO_CONVERSATION, to + " never wrote to this channel");
    }

    private static Optional<ApiError> closed(String message) {
        return Optional.of(new ApiError(422, ErrorCode.WINDOW_CLOSED, message));
    }
}
