package io.igrelay.ingress.config;

import io.igrelay.ingress.metagraph.SubscribedFields;
import io.igrelay.schemas.config.EnvReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The onboarding's own knobs: which webhook fields a Page and an Instagram account are subscribed to (two validated
 * lists, see SubscribedFields), the optional Facebook Login for Business configuration, how long an OAuth
 * {@code state} and a dashboard session live, how long the callback waits for the processor's fold, the token
 * refresher's margin and cadence and the subscription watchdog's cadence.
 */
public record OnboardingSettings(
        SubscribedFields fields,
        Optional<String> facebookConfigId,
        Duration stateTtl,
        Duration sessionTtl,
        Duration foldTimeout,
        boolean refresherEnabled,
        Duration refreshMargin,
        Duration refreshInterval,
        boolean watchdogEnabled,
        Duration watchdogInterval) {

    public static final Set<String> VARIABLES = Set.of("ONBOARDING_SUBSCRIBED_FIELDS", "ONBOARDING_PAGE_FIELDS",
            "FACEBOOK_LOGIN_CONFIG_ID", "ONBOARDING_STATE_TTL", "DASHBOARD_SESSION_TTL", "ONBOARDING_FOLD_TIMEOUT",
            "TOKEN_REFRESHER_ENABLED", "TOKEN_REFRESH_MARGIN", "TOKEN_REFRESH_INTERVAL",
            "SUBSCRIPTION_WATCHDOG_ENABLED", "SUBSCRIPTION_WATCHDOG_INTERVAL");

    public static OnboardingSettings defaults() {
        return read(new EnvReader(Map.of()));
    }

    /** Reads the variables; problems are recorded in {@code env} (the caller throws once for all of them). */
    public static OnboardingSettings read(EnvReader env) {
        List<String> instagram = SubscribedFields.split(env.string("ONBOARDING_SUBSCRIBED_FIELDS",
                SubscribedFields.DEFAULT_INSTAGRAM));
        List<String> page = SubscribedFields.split(env.string("ONBOARDING_PAGE_FIELDS", SubscribedFields.DEFAULT_PAGE));
        SubscribedFields.problems("ONBOARDING_SUBSCRIBED_FIELDS", instagram, SubscribedFields.INSTAGRAM_FIELDS,
                "Instagram").forEach(env::problem);
        SubscribedFields.problems("ONBOARDING_PAGE_FIELDS", page, SubscribedFields.PAGE_FIELDS, "Page")
                .forEach(env::problem);
        return new OnboardingSettings(new SubscribedFields(page, instagram), env.optional("FACEBOOK_LOGIN_CONFIG_ID"),
                env.duration("ONBOARDING_STATE_TTL", Duration.ofMinutes(10)),
                env.duration("DASHBOARD_SESSION_TTL", Duration.ofHours(8)),
                env.duration("ONBOARDING_FOLD_TIMEOUT", Duration.ofSeconds(15)),
                env.bool("TOKEN_REFRESHER_ENABLED", true),
                env.duration("TOKEN_REFRESH_MARGIN", Duration.ofDays(10)),
                env.duration("TOKEN_REFRESH_INTERVAL", Duration.ofHours(1)),
                env.bool("SUBSCRIPTION_WATCHDOG_ENABLED", true),
                env.duration("SUBSCRIPTION_WATCHDOG_INTERVAL", Duration.ofHours(1)));
    }
}
