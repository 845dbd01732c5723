package io.igrelay.processor.windows;

import io.igrelay.avro.WindowTrigger;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one table of Meta's window rules (contract §6.2): how long a standard (RESPONSE) window each trigger opens, the
 * HUMAN_AGENT window, the contact horizon that separates NO_CONVERSATION from WINDOW_CLOSED, and the safety margin
 * subtracted for a dispatch command's notAfter. Configurable because Meta changes them (the Click-to-Direct ad
 * referral's 7-day window of Sept 2026). The HUMAN_AGENT tag may be used "within 7 days after a user message"
 * (https://developers.facebook.com/docs/messenger-platform/send-messages/message-tags/): only triggers that are
 * messages start it; a reaction, postback or ig.me referral opens the standard window only.
 */
public record WindowRules(
        Map<WindowTrigger, Duration> standardWindow,
        Duration humanAgentWindow,
        Duration contactHorizon,
        Duration notAfterMargin,
        boolean humanAgentEnabled) {

    public static final Duration STANDARD = Duration.ofHours(24);
    public static final Duration HUMAN_AGENT = Duration.ofDays(7);
    public static final Duration CONTACT_HORIZON = Duration.ofDays(90);
    private static final Set<WindowTrigger> USER_MESSAGES = EnumSet.of(WindowTrigger.MESSAGE,
            WindowTrigger.STORY_REPLY, WindowTrigger.STORY_MENTION, WindowTrigger.SHARE, WindowTrigger.QUICK_REPLY,
            WindowTrigger.AD_REFERRAL);

    public WindowRules {
        standardWindow = Map.copyOf(standardWindow);
    }

    /** Meta's rules: 24 h for every trigger except the ad referral, whose length is given. */
    public static WindowRules meta(Duration adReferralWindow, boolean humanAgentEnabled) {
        Map<WindowTrigger, Duration> table = new EnumMap<>(WindowTrigger.class);
        for (WindowTrigger trigger : WindowTrigger.values()) {
            table.put(trigger, STANDARD);
        }
        table.put(WindowTrigger.AD_REFERRAL, adReferralWindow);
        return new WindowRules(table, HUMAN_AGENT, CONTACT_HORIZON, Duration.ofSeconds(10), humanAgentEnabled);
    }

    public Duration standardFor(WindowTrigger trigger) {
        return standardWindow.getOrDefault(trigger, STANDARD);
    }

    /** True when the trigger is a user message, which is what the HUMAN_AGENT window runs from. */
    public boolean startsHumanAgent(WindowTrigger trigger) {
        return USER_MESSAGES.contains(trigger);
    }

    public WindowRules withHumanAgentEnabled(boolean enabled) {
        return new WindowRules(standardWindow, humanAgentWindow, contactHorizon, notAfterMargin, enabled);
    }
}
