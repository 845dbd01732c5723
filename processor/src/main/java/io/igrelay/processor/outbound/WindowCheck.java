package io.igrelay.processor.outbound;

import io.igrelay.avro.Author;
import io.igrelay.avro.ConversationWindow;
import io.igrelay.avro.MessagingType;
import io.igrelay.avro.OutboundMessage;
import io.igrelay.avro.ReactionContent;
import io.igrelay.avro.SenderActionContent;
import io.igrelay.processor.windows.WindowMath;
import java.time.Instant;

/**
 * The window half of the outbound gate (SPEC 6.2), pure: inside the standard window → RESPONSE; from its end up to
 * 7 days → the HUMAN_AGENT tag, only when the deployment enables it, the Application is allowed and a human wrote
 * the message (never for sender actions or reactions); later → WINDOW_CLOSED; no contact within the horizon →
 * NO_CONVERSATION. Boundaries are strict; notAfter is the tier's end minus the margin, never before "now".
 */
public final class WindowCheck {

    private final WindowMath math;

    public WindowCheck(WindowMath math) {
        this.math = math;
    }

    public Verdict check(ConversationWindow window, String igAccountId, OutboundMessage message,
                         boolean applicationAllowsHumanAgent, Instant now) {
        if (window == null || !math.contacted(window, now) || !igAccountId.equals(window.getIgAccountId())) {
            return Verdict.reject("NO_CONVERSATION", "this IGSID never wrote to the channel");
        }
        if (window.getClosedByMetaAt() != null) {
            return Verdict.reject("WINDOW_CLOSED", "Meta closed the messaging window");
        }
        if (now.isBefore(window.getResponseUntil())) {
            return Verdict.accept(MessagingType.RESPONSE, null, notAfter(window.getResponseUntil(), now));
        }
        if (now.isBefore(window.getHumanAgentUntil())) {
            Object content = message.getContent();
            if (content instanceof SenderActionContent || content instanceof ReactionContent) {
                return Verdict.reject("WINDOW_CLOSED", "sender actions and reactions need the 24-hour window");
            }
            if (!math.rules().humanAgentEnabled()) {
                return Verdict.reject("WINDOW_CLOSED", "the 24-hour window is closed (human agent disabled)");
            }
            if (!applicationAllowsHumanAgent) {
                return Verdict.reject("WINDOW_CLOSED", "the 24-hour window is closed (human agent not allowed)");
            }
            if (message.getAuthoredBy() != Author.HUMAN) {
                return Verdict.reject("WINDOW_CLOSED", "the 24-hour window is closed (automated message)");
            }
            return Verdict.accept(MessagingType.MESSAGE_TAG, "HUMAN_AGENT", notAfter(window.getHumanAgentUntil(), now));
        }
        return Verdict.reject("WINDOW_CLOSED", "the messaging window is closed");
    }

    private Instant notAfter(Instant end, Instant now) {
        Instant withMargin = end.minus(math.rules().notAfterMargin());
        return withMargin.isAfter(now) ? withMargin : now;
    }
}
