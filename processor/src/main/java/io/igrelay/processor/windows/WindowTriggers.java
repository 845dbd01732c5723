package io.igrelay.processor.windows;

import io.igrelay.avro.InstagramEvent;
import io.igrelay.avro.WindowTrigger;
import java.util.Optional;

/**
 * Which user actions open or extend a window, and as what (SPEC 6.2): messages (story replies and mentions,
 * shares, quick-reply taps, ad referrals included), postbacks, reactions and ig.me referrals. Echoes, seen
 * receipts, unsends and the dashboard's test form never do.
 */
public final class WindowTriggers {

    private WindowTriggers() {
    }

    public static Optional<WindowTrigger> of(InstagramEvent event) {
        if (event.getTest()) {
            return Optional.empty();
        }
        return switch (event.getKind()) {
            case MESSAGE, UNSUPPORTED -> Optional.of(messageTrigger(event));
            case POSTBACK -> Optional.of(WindowTrigger.POSTBACK);
            case REACTION -> Optional.of(WindowTrigger.REACTION);
            case REFERRAL -> Optional.of(WindowTrigger.REFERRAL);
            case ECHO, SEEN, DELETED -> Optional.empty();
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
        if (event.getAttachments().stream().anyMatch(a -> "share".equals(a.getType()))) {
            return WindowTrigger.SHARE;
        }
        if (event.getQuickReplyPayload() != null) {
            return WindowTrigger.QUICK_REPLY;
        }
        return WindowTrigger.MESSAGE;
    }
}
