package io.igrelay.processor.outbound;

import io.igrelay.avro.Author;
import io.igrelay.avro.ConversationWindow;
import io.igrelay.avro.MessagingType;
import io.igrelay.avro.OutboundMessage;
import io.igrelay.avro.ReactionContent;
import io.igrelay.avro.SenderActionContent;
import io.igrelay.processor.windows.WindowMath;
import io.igrelay.schemas.contract.WindowVerdict;
import io.igrelay.schemas.contract.WindowVerdict.Decision;
import java.time.Instant;

/**
 * The window half of the outbound gate: the shared {@link WindowVerdict} for this message, turned into how Meta must
 * be asked (RESPONSE, or MESSAGE_TAG with HUMAN_AGENT) and a notAfter that is the tier's end minus the margin, never
 * before "now".
 */
public final class WindowCheck {

    private final WindowMath math;

    public WindowCheck(WindowMath math) {
        this.math = math;
    }

    public Verdict check(ConversationWindow window, String igAccountId, OutboundMessage message,
                         boolean applicationAllowsHumanAgent, Instant now) {
        Object content = message.getContent();
        WindowVerdict.Request request = new WindowVerdict.Request(
                content instanceof SenderActionContent || content instanceof ReactionContent,
                message.getAuthoredBy() == Author.HUMAN, applicationAllowsHumanAgent);
        Decision decision = decide(math, window, igAccountId, request, now);
        if (!decision.allowed()) {
            return Verdict.reject(decision.errorCode(), decision.reason());
        }
        return decision.tier() == WindowVerdict.Tier.RESPONSE
                ? Verdict.accept(MessagingType.RESPONSE, null, notAfter(decision.until(), now))
                : Verdict.accept(MessagingType.MESSAGE_TAG, "HUMAN_AGENT", notAfter(decision.until(), now));
    }

    /** The shared verdict with this deployment's horizon and HUMAN_AGENT setting; igAccountId null: any account. */
    public static Decision decide(WindowMath math, ConversationWindow window, String igAccountId,
                                  WindowVerdict.Request request, Instant now) {
        boolean contacted = window != null && math.contacted(window, now);
        boolean sameAccount = window != null && (igAccountId == null || igAccountId.equals(window.getIgAccountId()));
        return WindowVerdict.decide(window, contacted, sameAccount, request, math.rules().humanAgentEnabled(), now);
    }

    private Instant notAfter(Instant end, Instant now) {
        Instant withMargin = end.minus(math.rules().notAfterMargin());
        return withMargin.isAfter(now) ? withMargin : now;
    }
}
