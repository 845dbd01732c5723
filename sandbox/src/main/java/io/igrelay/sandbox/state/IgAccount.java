package io.igrelay.sandbox.state;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An Instagram account known to the simulated Meta: its professional id (webhook entry.id, /me user_id), the
 * app-scoped id that Instagram Login's /me returns as "id" (the documented trap: they differ), and mutable
 * webhook-subscription, rate-limit, restriction and usage state that the Graph API and admin API change.
 */
public final class IgAccount {
    /** The Instagram fields an admin-made Instagram Login subscription lists by default. */
    public static final Set<String> ALL_FIELDS = Set.of("messages", "messaging_postbacks", "messaging_seen",
            "message_reactions", "messaging_referral");
    /** The Page fields an admin-made Facebook Login subscription lists by default. */
    public static final Set<String> PAGE_DEFAULT_FIELDS = Set.of("messages", "messaging_postbacks",
            "message_reactions", "messaging_referrals");

    private final String userId;
    private final String appScopedId;
    private final String username;
    private final String name;
    private final String accountType;
    private volatile Subscription subscription;
    private volatile int textPerSecond;
    private volatile int mediaPerSecond;
    private volatile int rateLimitCode = 613;
    private volatile Restriction restriction;
    private volatile Usage usage;

    public IgAccount(String userId, String appScopedId, String username, String name, String accountType,
            int textPerSecond, int mediaPerSecond) {
        this.userId = userId;
        this.appScopedId = appScopedId;
        this.username = username;
        this.name = name;
        this.accountType = accountType;
        this.textPerSecond = textPerSecond;
        this.mediaPerSecond = mediaPerSecond;
    }

    /**
     * What the account subscribed to (Instagram fields, or the Page fields of its Page), through which login flavour,
     * and whether Meta disabled it after an outage. Meta does not filter deliveries by these fields: an account
     * subscribed to at least one field gets every field the app subscribed to
     * (https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/webhooks,
     * "Limitations"), so the list only matters to GET subscribed_apps.
     */
    public record Subscription(Flavour flavour, List<String> fields, boolean disabled, long changedAt) {
        public boolean delivers() {
            return !disabled && !fields.isEmpty();
        }
    }

    /** Meta's block of the account's sends (368, or 10 with a subcode), until cleared through the admin API. */
    public record Restriction(int code, Integer subcode) {
    }

    /** What the X-Business-Use-Case-Usage header says about the account (percent; minutes to regain access). */
    public record Usage(int callCount, int totalTime, int totalCputime, int regainMinutes) {
    }

    public String userId() { return userId; }
    public String appScopedId() { return appScopedId; }
    public String username() { return username; }
    public String name() { return name; }
    public String accountType() { return accountType; }
    public boolean professional() { return !"PERSONAL".equals(accountType); }

    public Optional<Subscription> subscription() { return Optional.ofNullable(subscription); }
    public void subscribe(Subscription s) { this.subscription = s; }
    public void unsubscribe() { this.subscription = null; }

    public int textPerSecond() { return textPerSecond; }
    public int mediaPerSecond() { return mediaPerSecond; }
    public int rateLimitCode() { return rateLimitCode; }

    public Optional<Restriction> restriction() { return Optional.ofNullable(restriction); }
    public void restriction(Restriction r) { this.restriction = r; }
    public Optional<Usage> usage() { return Optional.ofNullable(usage); }
    public void usage(Usage u) { this.usage = u; }

    public void rateLimits(int text, int media, int code) {
        this.textPerSecond = text;
        this.mediaPerSecond = media;
        this.rateLimitCode = code;
    }
}
