package io.igrelay.ingress.api;

import io.igrelay.ingress.api.ProcessorClient.WindowLookup;
import io.igrelay.schemas.contract.HubErrorCode;
import java.util.Optional;

/**
 * The API's fast answer to "may this be sent now?": the processor answers its gate's own verdict
 * ({@code io.igrelay.schemas.contract.WindowVerdict}) for the send's flags, and this class only maps it to an HTTP
 * answer: never contacted, or contacted on another channel → 422 NO_CONVERSATION; refused → 422 with the gate's code
 * and reason. When the processor cannot be asked, the request goes through and the gate, which stays authoritative,
 * decides.
 */
public final class WindowGate {

    private WindowGate() {
    }

    public static Optional<ApiError> refusal(WindowLookup lookup, String channelId, String to) {
        if (lookup instanceof WindowLookup.NeverContacted) {
            return Optional.of(noConversation(to));
        }
        if (!(lookup instanceof WindowLookup.Found window)) {
            return Optional.empty();
        }
        if (window.channelId().isPresent() && !window.channelId().get().equals(channelId)) {
            return Optional.of(noConversation(to));
        }
        return window.refusal().map(r -> HubErrorCode.NO_CONVERSATION.name().equals(r.errorCode()) ? noConversation(to)
                : new ApiError(422, HubErrorCode.WINDOW_CLOSED, r.message()));
    }

    private static ApiError noConversation(String to) {
        return new ApiError(422, HubErrorCode.NO_CONVERSATION, to + " never wrote to this channel");
    }
}
