package io.igrelay.processor.windows;

import io.igrelay.avro.ConversationWindow;
import io.igrelay.avro.WindowState;
import io.igrelay.avro.WindowTrigger;
import java.time.Instant;

/**
 * Pure window arithmetic: extending by a user action never moves a deadline backwards (deliveries arrive out of
 * order) and only a user message moves the HUMAN_AGENT deadline ({@link WindowRules#startsHumanAgent}); the state
 * at an instant uses strict boundaries, and the next deadline tells the expiry index when the state changes next.
 */
public final class WindowMath {

    private final WindowRules rules;

    public WindowMath(WindowRules rules) {
        this.rules = rules;
    }

    public ConversationWindow extend(ConversationWindow current, String igsid, String igAccountId, String channelId,
                                     Instant actionAt, WindowTrigger trigger, Instant now) {
        Instant responseUntil = actionAt.plus(rules.standardFor(trigger));
        Instant humanAgentUntil = rules.startsHumanAgent(trigger)
                ? actionAt.plus(rules.humanAgentWindow()) : actionAt;
        Instant last = actionAt;
        WindowTrigger openedBy = trigger;
        Instant closedByMeta = null;
        if (current != null) {
            responseUntil = max(responseUntil, current.getResponseUntil());
            humanAgentUntil = max(humanAgentUntil, current.getHumanAgentUntil());
            if (current.getLastUserActionAt().isAfter(actionAt)) {
                last = current.getLastUserActionAt();
                openedBy = current.getOpenedBy();
            }
            if (current.getClosedByMetaAt() != null && !last.isAfter(current.getClosedByMetaAt())) {
                closedByMeta = current.getClosedByMetaAt();
            }
        }
        ConversationWindow next = ConversationWindow.newBuilder()
                .setIgsid(igsid).setIgAccountId(igAccountId)
                .setChannelId(channelId != null ? channelId : current == null ? null : current.getChannelId())
                .setLastUserActionAt(last).setOpenedBy(openedBy)
                .setResponseUntil(responseUntil).setHumanAgentUntil(humanAgentUntil)
                .setClosedByMetaAt(closedByMeta).setState(WindowState.CLOSED).setUpdatedAt(now).build();
        next.setState(stateAt(next, now));
        return next;
    }

    public WindowState stateAt(ConversationWindow window, Instant now) {
        if (window.getClosedByMetaAt() != null) {
            return WindowState.CLOSED;
        }
        if (now.isBefore(window.getResponseUntil())) {
            return WindowState.OPEN;
        }
        if (now.isBefore(window.getHumanAgentUntil())) {
            return WindowState.HUMAN_AGENT_ONLY;
        }
        return WindowState.CLOSED;
    }

    /** End of the contact horizon: after it the marker is gone and the IGSID counts as never contacted. */
    public Instant contactUntil(ConversationWindow window) {
        return window.getLastUserActionAt().plus(rules.contactHorizon());
    }

    public boolean contacted(ConversationWindow window, Instant now) {
        return window != null && now.isBefore(contactUntil(window));
    }

    /** The next instant after {@code now} at which the window's state changes or its marker expires. */
    public Instant nextDeadline(ConversationWindow window, Instant now) {
        if (window.getClosedByMetaAt() == null) {
            if (now.isBefore(window.getResponseUntil())) {
                return window.getResponseUntil();
            }
            if (now.isBefore(window.getHumanAgentUntil())) {
                return window.getHumanAgentUntil();
            }
        }
        return contactUntil(window);
    }

    public WindowRules rules() {
        return rules;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
