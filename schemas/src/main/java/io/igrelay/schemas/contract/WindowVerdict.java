package io.igrelay.schemas.contract;

import io.igrelay.avro.ConversationWindow;
import java.time.Instant;

/**
 * May this message go to this user now, and how (docs/contract.md §6.2)? Inside the standard window → RESPONSE; from
 * its end up to the HUMAN_AGENT deadline → the HUMAN_AGENT tag, only when the deployment enables it, the Application
 * is allowed and a human wrote the message (never for sender actions or reactions, since Meta lets no tag ride on
 * them); later → WINDOW_CLOSED; no contact within the horizon → NO_CONVERSATION. Boundaries are strict.
 *
 * <p>The processor's outbound gate decides with it, and the processor's {@code GET /windows/{igsid}} answers the same
 * decision for the flags the hub API passes, so the API's early 422 and the gate can never disagree.
 */
public final class WindowVerdict {

    /** What the send asks for. */
    public record Request(boolean senderAction, boolean humanAuthored, boolean applicationAllowsHumanAgent) {
    }

    /** Which kind of send Meta allows now. */
    public enum Tier { RESPONSE, HUMAN_AGENT }

    /** Allowed with its tier and the instant the tier ends, or refused with an error code and a reason. */
    public record Decision(Tier tier, Instant until, String errorCode, String reason) {

        static Decision allow(Tier tier, Instant until) {
            return new Decision(tier, until, null, null);
        }

        static Decision refuse(HubErrorCode errorCode, String reason) {
            return new Decision(null, null, errorCode.name(), reason);
        }

        public boolean allowed() {
            return tier != null;
        }
    }

    private WindowVerdict() {
    }

    /**
     * @param window the user's window, null when none is kept
     * @param contacted whether the user acted within the contact horizon (the processor's WindowMath knows it)
     * @param sameAccount whether the window belongs to the business account the message is sent from
     */
    public static Decision decide(ConversationWindow window, boolean contacted, boolean sameAccount, Request request,
                                  boolean humanAgentEnabled, Instant now) {
        if (window == null || !contacted || !sameAccount) {
            return Decision.refuse(HubErrorCode.NO_CONVERSATION, "this IGSID never wrote to the channel");
        }
        if (window.getClosedByMetaAt() != null) {
            return Decision.refuse(HubErrorCode.WINDOW_CLOSED, "Meta closed the messaging window");
        }
        if (now.isBefore(window.getResponseUntil())) {
            return Decision.allow(Tier.RESPONSE, window.getResponseUntil());
        }
        if (now.isBefore(window.getHumanAgentUntil())) {
            if (request.senderAction()) {
                return Decision.refuse(HubErrorCode.WINDOW_CLOSED,
                        "sender actions and reactions need the 24-hour window");
            }
            if (!humanAgentEnabled) {
                return Decision.refuse(HubErrorCode.WINDOW_CLOSED,
                        "the 24-hour window is closed (human agent disabled)");
            }
            if (!request.applicationAllowsHumanAgent()) {
                return Decision.refuse(HubErrorCode.WINDOW_CLOSED,
                        "the 24-hour window is closed (this Application may not send human-agent replies)");
            }
            if (!request.humanAuthored()) {
                return Decision.refuse(HubErrorCode.WINDOW_CLOSED,
                        "the 24-hour window is closed; only human-agent replies (humanAgent: true) are allowed");
            }
            return Decision.allow(Tier.HUMAN_AGENT, window.getHumanAgentUntil());
        }
        return Decision.refuse(HubErrorCode.WINDOW_CLOSED, "the messaging window is closed");
    }
}
