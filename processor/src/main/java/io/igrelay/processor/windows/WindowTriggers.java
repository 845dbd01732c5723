package io.igrelay.processor.windows;

import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.WindowTrigger;
import java.util.Optional;
import java.util.Set;

/**
 * Which user actions open or extend a window, and as what: messages (story replies and mentions, shares of posts,
 * stories and reels, quick-reply taps, ad referrals, and messages Meta flags is_unsupported included), postbacks,
 * reactions and ig.me referrals. Echoes, seen receipts, unsends, un-reacts, edits, opt-ins, handover events, items
 * of a kind the hub does not know and the dashboard's test form never do. Meta lists the actions that open the
 * standard window at https://developers.facebook.com/docs/messenger-platform/send-messages/ (standard messaging);
 * an un-react withdraws an action rather than taking one, and an edit changes an earlier message.
 */
public final class WindowTriggers {

    private static final Set<String> SHARES = Set.of("share", "ig_post", "ig_story", "ig_reel", "reel");

    private WindowTriggers() {
    }

    public static Optional<WindowTrigger> of(InstagramEvent event) {
        if (event.getTest()) {
            return Optional.empty();
        }
        return switch (event.getKind()) {
            case MESSAGE -> Optional.of(messageTrigger(event));
            case UNSUPPORTED -> event.getUnsupported() ? Optional.of(messageTrigger(event)) : Optional.empty();
            case POSTBACK -> Optional.of(WindowTrigger.POSTBACK);
            case REACTION -> "unreact".equals(event.getReaction() == null ? null : event.getReaction().getAction())
                    ? Optional.empty() : Optional.of(WindowTrigger.REACTION);
            case REFERRAL -> Optional.of(WindowTrigger.REFERRAL);
            case ECHO, SEEN, DELETED, EDITED, OPTIN, HANDOVER, COMMENT -> Optional.empty();
        };
    }

    private static WindowTrigger messageTrigger(InstagramEvent event) {
        if (event.getReferral() != null && "ADS".equalsIgnoreCase(event.getReferral().getSource())) {
            return WindowTrigger.AD_REFERRAL;
        }
        if (event.getReplyTo() != null && event.getReplyTo().getStoryId() != null) {
            return WindowTrigger.STORY_REPLY;
        }
        if (event.getAttachments().stream().anyMatch(a -> "story_mention".equals(a.getType()))) {
            return WindowTrigger.STORY_MENTION;
        }
        if (event.getAttachments().stream().anyMatch(a -> SHARES.contains(a.getType()))) {
            return WindowTrigger.SHARE;
        }
        if (event.getQuickReplyPayload() != null) {
            return WindowTrigger.QUICK_REPLY;
        }
        return WindowTrigger.MESSAGE;
    }
}
