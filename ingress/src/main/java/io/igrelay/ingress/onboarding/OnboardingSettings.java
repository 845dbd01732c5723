package io.igrelay.ingress.onboarding;

import io.igrelay.schemas.config.EnvReader;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The onboarding's own knobs (issue 7): which webhook fields an account is subscribed to (Meta's exact names are an
 * open item, SPEC 5.3), how long an OAuth {@code state} and a dashboard session live, how long the callback waits for
 * the processor's fold, and the token refresher's margin and cadence.
 */
public record OnboardingSettings(
        List<String> subscribedFields,
        Duration stateTtl,
        Duration sessionTtl,
        Duration foldTimeout,
        boolean refresherEnabled,
        Duration refreshMargin,
        Duration refreshInterval) {

    public static final Set<String> VARIABLES = Set.of("ONBOARDING_SUBSCRIBED_FIELDS", "ONBOARDING_STATE_TTL",
            "DASHBOARD_SESSION_TTL", "ONBOARDING_FOLD_TIMEOUT", "TOKEN_REFRESHER_ENABLED", "TOKEN_REFRESH_MARGIN",
            "TOKEN_REFRESH_INTERVAL");

    public static final String DEFAULT_FIELDS =
            "messages,messaging_postbacks,messaging_seen,message_reactions,messaging_referral";

    public OnboardingSettings {
        subscribedFields = List.copyOf(subscribedFields);
    }

    public static OnboardingSettings defaults() {
        return read(new EnvReader(Map.of()));
    }

    /** Reads the variables; problems are recorded in {@code env} (the caller throws once for all of them). */
    public static OnboardingSettings read(EnvReader env) {
        List<String> fields = Arrays.stream(env.string("ONBOARDING_SUBSCRIBED_FIELDS", DEFAULT_FIELDS).split(","))
                .map(String::trim).filter(f -> !f.isEmpty()).toList();
        if (fields.isEmpty()) {
            env.problem("ONBOARDING_SUBSCRIBED_FIELDS must name at least one webhook field");
        }
        return new OnboardingSettings(fields,
                env.duration("ONBOARDING_STATE_TTL", Duration.ofMinutes(10)),
                env.duration("DASHBOARD_SESSION_TTL", Duration.ofHours(8)),
                env.duration("ONBOARDING_FOLD_TIMEOUT", Duration.ofSeconds(15)),
                env.bool("TOKEN_REFRESHER_ENABLED", true),
                env.duration("TOKEN_REFRESH_MARGIN", Duration.ofDays(10)),
                env.duration("TOKEN_REFRESH_INTERVAL", Duration.ofHours(1)));
    }

    public String subscribedFieldsParam() {
        return String.join(",", subscribedFields);
    }
}
